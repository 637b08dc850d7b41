package vn.lgsp.hub.routing;

import java.util.Set;

/**
 * The HTTP methods a service may be called with, and what a service registered for {@code *}
 * means: these, never TRACE, CONNECT or an unknown token.
 */
public final class StandardMethods {

    public static final Set<String> ALL = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    public static final String ALLOW_HEADER = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private StandardMethods() {
    }
}
