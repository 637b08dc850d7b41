package vn.lgsp.hub.routing;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.Locale;

/**
 * Checks the part of a sharing URL below {@code /share/{provider}/{service}}, as the caller
 * sent it (still percent-encoded). The hub forwards only paths already in <b>canonical form</b>:
 * a form no provider stack (Tomcat, Jetty, Spring, IIS) reads differently from the hub's own
 * checks (grants' paths, the service's pattern, the endpoint's base), because normalising it
 * changes nothing. So it refuses, rather than rewrites: dot segments, empty segments, path
 * parameters ({@code ;}, which servlet containers strip, so {@code ..;} becomes {@code ..}),
 * percent-encoded unreserved characters ({@code %41} is {@code A} to a provider, not to a
 * pattern), encoded dots, slashes, backslashes, percent signs and NUL, malformed escapes, and
 * any character outside RFC 3986's {@code pchar} set. {@code SharingPathDifferentialTest} holds
 * it against Jetty's normaliser.
 */
public final class SharingPath {

    private SharingPath() {
    }

    public static String check(String rawPath) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (path.charAt(0) != '/' || path.length() > 4096) {
            throw rejected("the path must start with / and be at most 4096 characters");
        }
        String lower = path.indexOf('%') < 0 ? "" : path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
                || lower.contains("%25")) {
            throw rejected("encoded dots, slashes, backslashes, percent signs and NUL are not allowed in the path");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw rejected("backslashes and control characters are not allowed in the path");
            }
            if (c == ';') {
                throw rejected("path parameters (;) are not allowed: provider stacks strip them after the hub's checks");
            }
            if (c == '%') {
                int value = i + 2 < path.length() ? hex(path.charAt(i + 1), path.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw rejected("a % in the path must start an escape of two hexadecimal digits");
                }
                if (isUnreserved((char) value)) {
                    throw rejected("unreserved characters must not be percent-encoded in the path (write them as they are)");
                }
                i += 2;
            } else if (c != '/' && !isUnreserved(c) && "!$&'()*+,=:@".indexOf(c) < 0) {
                throw rejected("characters outside RFC 3986 path characters must be percent-encoded");
            }
        }
        // Segment by segment, in place: it runs on every request.
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            boolean last = end < 0;
            int length = (last ? path.length() : end) - start;
            if ((length == 1 || length == 2) && path.charAt(start) == '.' && (length == 1 || path.charAt(start + 1) == '.')) {
                throw rejected("dot segments are not allowed in the path");
            }
            if (length == 0 && !last) {
                throw rejected("empty path segments (//) are not allowed");
            }
            start = last ? path.length() + 1 : end + 1;
        }
        return path;
    }

    /**
     * Whether {@code path} fits a registered pattern: literal segments equal, {@code {name}} or
     * {@code *} any one segment, {@code **} (last) any rest including nothing. Walks both strings
     * in place: it runs on every request.
     */
    public static boolean matches(String pattern, String path) {
        int p = skipSlash(pattern, 0);
        int q = skipSlash(path, 0);
        while (p < pattern.length()) {
            int pEnd = segmentEnd(pattern, p);
            if (pEnd - p == 2 && pattern.startsWith("**", p)) {
                return true;
            }
            if (q >= path.length()) {
                return false;
            }
            int qEnd = segmentEnd(path, q);
            boolean variable = (pEnd - p == 1 && pattern.charAt(p) == '*')
                    || (pattern.charAt(p) == '{' && pattern.charAt(pEnd - 1) == '}');
            if (variable ? qEnd == q : !(pEnd - p == qEnd - q && pattern.regionMatches(p, path, q, pEnd - p))) {
                return false;
            }
            p = skipSlash(pattern, pEnd);
            q = skipSlash(path, qEnd);
        }
        return q >= path.length();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char high, char low) {
        int h = high < 128 ? Character.digit(high, 16) : -1;
        int l = low < 128 ? Character.digit(low, 16) : -1;
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static int skipSlash(String s, int i) {
        return i < s.length() && s.charAt(i) == '/' ? i + 1 : i;
    }

    private static int segmentEnd(String s, int from) {
        int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }

    private static ProblemException rejected(String detail) {
        return ProblemException.field(ErrorCode.PATH_REJECTED, "path", detail);
    }
}
