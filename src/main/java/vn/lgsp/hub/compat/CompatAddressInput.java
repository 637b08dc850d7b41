package vn.lgsp.hub.compat;

import vn.lgsp.hub.problem.FieldChecks;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** An owner's addresses for one of their services; at least one of the two. */
public record CompatAddressInput(String context, String tranCode) {

    static final Pattern CONTEXT = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]{0,62}$");
    /** First path segments the hub serves itself: a context may not shadow them. */
    static final Set<String> RESERVED = Set.of("api", "share", "q", "console", "token", "events", "openapi", "swagger-ui",
            "health", "metrics", "static", "assets", "webjars", "favicon.ico", "robots.txt", "oauth2", "gateway", "well-known");

    void check(FieldChecks checks) {
        if (context == null && tranCode == null) {
            checks.add("context", "required", "give a context, a tranCode or both");
        }
        checks.matches("context", context, CONTEXT, "invalid-format",
                "context must start with a letter and have at most 63 letters, digits, '_' or '-'");
        if (context != null && RESERVED.contains(context.toLowerCase(Locale.ROOT))) {
            checks.add("context", "reserved", "the hub serves /" + context + " itself");
        }
        checks.matches("tranCode", tranCode, CompatProfileInput.FINANCE_CODE, "invalid-format",
                "tranCode must be 1 to 40 letters, digits, '.', '_' or '-'");
    }
}
