package vn.lgsp.hub.access;

import vn.lgsp.hub.problem.FieldChecks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request for (or, by an admin, a grant of) access to a provider's service, stating the purpose
 * as Vietnamese data-sharing rules require; optionally only below some paths and within quotas.
 */
public record GrantInput(String consumerSystem, String providerSystem, String serviceCode, String purpose,
                         OffsetDateTime expiresAt, List<String> allowedPaths, Integer requestsPerSecond, Integer requestsPerDay) {

    private static final Pattern PATH = Pattern.compile("^/([A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*/?)?$");

    void check(FieldChecks checks) {
        checks.slug("consumerSystem", consumerSystem);
        checks.slug("providerSystem", providerSystem);
        checks.slug("serviceCode", serviceCode);
        checks.text("purpose", purpose, 1000);
        if (consumerSystem != null && consumerSystem.equals(providerSystem)) {
            checks.add("consumerSystem", "same-system", "a system does not need a grant to call itself");
        }
        if (expiresAt != null && expiresAt.isBefore(OffsetDateTime.now())) {
            checks.add("expiresAt", "in-the-past", "expiresAt must be in the future");
        }
        if (allowedPaths != null) {
            if (allowedPaths.size() > 50) {
                checks.add("allowedPaths", "too-many", "allowedPaths has at most 50 entries");
            }
            for (String path : allowedPaths) {
                if (path == null || path.length() > 300 || !PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
                    checks.add("allowedPaths", "invalid-path", "each allowed path starts with / and has plain segments (no .., no encoding)");
                    break;
                }
            }
        }
        checks.range("requestsPerSecond", requestsPerSecond, 1, 100_000);
        checks.range("requestsPerDay", requestsPerDay, 1, 1_000_000_000);
    }
}
