package vn.lgsp.hub.sharing;

import vn.lgsp.hub.exchange.ExchangePipeline;
import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the hub. Towards the provider: none of the caller's credentials, cookies
 * or hop-by-hop headers; none that would make the provider's stack read another method or path
 * than the one the hub checked (method overrides, URL rewrites); none that claim a client address
 * (the hub states the caller's address itself, in {@code Forwarded} and {@code X-Forwarded-For});
 * and the hub's own identification of the caller. Towards the caller: none of the provider's
 * cookies or hop-by-hop headers. docs/security.md lists them.
 */
final class SharingHeaders {

    static final String SERVICE_VERSION = "X-LGSP-Service-Version";
    /** Tells the provider which registered system is calling (the hub vouches for it). */
    static final String CONSUMER = ExchangePipeline.CONSUMER_HEADER;

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    private static final Set<String> NEVER_FORWARDED = Set.of("host", "content-length", "authorization", "cookie",
            "x-api-key", "x-transaction-id", "x-correlation-id", "traceparent", "tracestate", "expect", SERVICE_VERSION.toLowerCase(Locale.ROOT),
            CONSUMER.toLowerCase(Locale.ROOT),
            // today's LGSP clients' second credential: its SecretKey is only Base64-encoded
            vn.lgsp.hub.compat.LgspAccessToken.HEADER,
            // would undo the method check
            "x-http-method-override", "x-http-method", "x-method-override",
            // would undo the path check (IIS, Symfony, Zend, some Spring and Nginx set-ups honour them)
            "x-original-url", "x-rewrite-url", "x-override-url", "x-original-uri", "x-forwarded-path", "x-forwarded-prefix",
            "x-forwarded-uri",
            // would spoof the caller's address or the hub's own
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-server",
            "x-forwarded-scheme", "x-forwarded-ssl", "x-url-scheme", "front-end-https", "x-real-ip", "x-client-ip",
            "x-cluster-client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-originating-ip", "x-remote-ip",
            "x-remote-addr", "x-host", "client-ip", "via");
    private static final Set<String> NEVER_RETURNED = Set.of("set-cookie", "set-cookie2", "x-transaction-id", "x-correlation-id");

    private SharingHeaders() {
    }

    /** Refuses header sets a hub must not pass on: too many, or values with control characters. */
    static void check(MultiMap headers, int maxHeaders) {
        if (headers.size() > maxHeaders) {
            throw ProblemException.field(ErrorCode.HEADER_REJECTED, "headers", "at most " + maxHeaders + " headers are accepted");
        }
        for (Map.Entry<String, String> header : headers) {
            String value = header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw ProblemException.field(ErrorCode.HEADER_REJECTED, header.getKey(), "header values must not contain control characters");
                }
            }
        }
    }

    /**
     * The caller's headers the provider may see, plus where the call came from (as the hub saw it)
     * and the caller's own transaction id, validated, as {@code X-Correlation-Id}.
     */
    static MultiMap towardsProvider(MultiMap caller, String trustedConsumerHeader, SocketAddress remote, String scheme,
                                    String correlationId) {
        Set<String> listedInConnection = connectionTokens(caller);
        String identityHeader = trustedConsumerHeader == null ? null : trustedConsumerHeader.toLowerCase(Locale.ROOT);
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : caller) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !NEVER_FORWARDED.contains(name) && !listedInConnection.contains(name)
                    && !name.equals(identityHeader)) {
                out.add(header.getKey(), header.getValue());
            }
        }
        if (remote != null && remote.hostAddress() != null) {
            String address = remote.hostAddress();
            String node = address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
            out.set("Forwarded", "for=" + node + ";proto=" + (scheme == null ? "http" : scheme));
            out.set("X-Forwarded-For", address);
        }
        if (correlationId != null) {
            out.set(TransactionIds.CORRELATION_HEADER, correlationId);
        }
        return out;
    }

    /** The provider's headers the caller may see. */
    static MultiMap towardsCaller(MultiMap provider) {
        Set<String> listedInConnection = connectionTokens(provider);
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : provider) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !NEVER_RETURNED.contains(name) && !listedInConnection.contains(name)
                    && !name.equals("content-length")) {
                out.add(header.getKey(), header.getValue());
            }
        }
        return out;
    }

    private static Set<String> connectionTokens(MultiMap headers) {
        String connection = headers.get("Connection");
        if (connection == null) {
            return Set.of();
        }
        java.util.HashSet<String> tokens = new java.util.HashSet<>();
        for (String token : connection.split(",")) {
            tokens.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }
}
