package vn.lgsp.hub.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A consumer's owner requests a grant; the provider's owner (or an admin) approves it (active) or
 * rejects it; either side or an admin revokes it; past {@code expiresAt} it is expired.
 */
public enum GrantStatus {
    @JsonProperty("requested") REQUESTED,
    @JsonProperty("active") ACTIVE,
    @JsonProperty("rejected") REJECTED,
    @JsonProperty("revoked") REVOKED,
    @JsonProperty("expired") EXPIRED;

    public String wire() {
        return name().toLowerCase();
    }

    public static GrantStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
