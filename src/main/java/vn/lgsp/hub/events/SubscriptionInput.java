package vn.lgsp.hub.events;

import vn.lgsp.hub.problem.FieldChecks;

import java.util.regex.Pattern;

/**
 * A consumer subscribes to a provider's event type. Push names one of the consumer system's
 * registered endpoints (connector type {@code http}) and a path below it; the secret is
 * generated when not given.
 */
public record SubscriptionInput(String providerSystem, String eventType, SubscriptionMode mode, String endpointCode,
                                String path, String secret, Integer maxAttempts) {

    private static final Pattern PATH = Pattern.compile("^(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*/?$");

    void check(FieldChecks checks) {
        checks.slug("providerSystem", providerSystem);
        checks.slug("eventType", eventType);
        checks.required("mode", mode);
        checks.range("maxAttempts", maxAttempts, 1, 100);
        if (mode == SubscriptionMode.PUSH) {
            checks.slug("endpointCode", endpointCode);
            if (path != null && (path.length() > 512 || !PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")
                    || path.contains("%2") || path.contains("%5"))) {
                checks.add("path", "invalid-path", "path must be an absolute path below the endpoint, without traversal");
            }
            if (secret != null && (secret.length() < 32 || secret.length() > 256 || secret.chars().anyMatch(Character::isISOControl))) {
                checks.add("secret", "weak-secret", "secret must be 32 to 256 characters (or leave it out to have one generated)");
            }
        } else if (mode == SubscriptionMode.PULL) {
            if (endpointCode != null) {
                checks.add("endpointCode", "not-allowed", "a pull subscription has no endpoint");
            }
            if (secret != null) {
                checks.add("secret", "not-allowed", "a pull subscription has no signing secret");
            }
            if (path != null) {
                checks.add("path", "not-allowed", "a pull subscription has no path");
            }
        }
    }
}
