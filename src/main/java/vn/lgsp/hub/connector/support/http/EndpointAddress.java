package vn.lgsp.hub.connector.support.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * The parts of an endpoint's base address a request is sent to. Every target is built by
 * {@link #target(String, String)}, which refuses anything that could leave the base path.
 *
 * @param ssl      true for https
 * @param host     host name or IP literal (without brackets)
 * @param port     explicit or default port
 * @param basePath base path, always starting and ending with {@code /}
 */
public record EndpointAddress(boolean ssl, String host, int port, String basePath) {

    public static EndpointAddress of(URI address) {
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint address must be http or https");
        }
        if (address.getHost() == null) {
            throw new IllegalArgumentException("endpoint address has no host");
        }
        boolean ssl = scheme.equals("https");
        int port = address.getPort() > 0 ? address.getPort() : (ssl ? 443 : 80);
        String host = address.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String base = address.getRawPath() == null || address.getRawPath().isEmpty() ? "/" : address.getRawPath();
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        return new EndpointAddress(ssl, host, port, base);
    }

    /**
     * The request URI (path and query) for {@code path} below the base path. The hub has
     * normalised the path already; this check is defence in depth, so it is strict: anything
     * that a server could read as a different path (dot segments, encoded slashes or dots,
     * backslashes, control characters) is refused before any I/O.
     */
    public String target(String path, String rawQuery) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("request path must start with /");
        }
        String relative = path.substring(1);
        checkPath(relative);
        String uri = basePath + relative;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            checkQuery(rawQuery);
            uri = uri + "?" + rawQuery;
        }
        return uri;
    }

    /** The Host header value the provider expects. */
    public String authority() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        boolean defaultPort = ssl ? port == 443 : port == 80;
        return defaultPort ? h : h + ":" + port;
    }

    public boolean isLoopback() {
        return isLoopbackHost(host);
    }

    /** True for localhost and loopback IP literals; never resolves names over DNS. */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            // Only IP literals reach here, so this does not touch DNS.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    private static void checkPath(String relative) {
        if (relative.startsWith("/")) {
            throw new IllegalArgumentException("request path has an empty segment");
        }
        for (int i = 0; i < relative.length(); i++) {
            char c = relative.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\' || c == '?' || c == '#') {
                throw new IllegalArgumentException("request path has a forbidden character");
            }
        }
        String lower = relative.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%00")) {
            throw new IllegalArgumentException("request path has an encoded separator or dot");
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("request path has a dot segment");
            }
        }
        if (relative.contains("//")) {
            throw new IllegalArgumentException("request path has an empty segment");
        }
    }

    private static void checkQuery(String rawQuery) {
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '#') {
                throw new IllegalArgumentException("query has a forbidden character");
            }
        }
    }
}
