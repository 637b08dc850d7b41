package vn.lgsp.hub.access;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Permission for one consumer system to call one provider service (every version of it), for a
 * stated purpose, optionally only below some paths and within quotas. Decided, rejected and
 * revoked grants are kept for the record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Grant(
        UUID id,
        String consumerSystem,
        String providerSystem,
        String serviceCode,
        String purpose,
        GrantStatus status,
        List<String> allowedPaths,
        Integer requestsPerSecond,
        Integer requestsPerDay,
        OffsetDateTime expiresAt,
        OffsetDateTime createdAt,
        String requestedBy,
        String decidedBy,
        OffsetDateTime decidedAt,
        String decisionReason,
        OffsetDateTime revokedAt,
        String revokedBy,
        String revokedReason,
        int version,
        @JsonIgnore String consumerOrg,
        @JsonIgnore String providerOrg) {

    /** Whether the grant lets a call through at {@code now}. */
    public boolean allows(OffsetDateTime now) {
        return status == GrantStatus.ACTIVE && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Whether {@code path} (below the service, starting with /) is within the grant's paths. */
    public boolean allowsPath(String path) {
        if (allowedPaths == null || allowedPaths.isEmpty()) {
            return true;
        }
        for (String prefix : allowedPaths) {
            if (path.equals(prefix) || prefix.equals("/")
                    || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
