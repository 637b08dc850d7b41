package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle status of an information system; only {@link LifecycleAction}s move between them. */
public enum SystemStatus {
    @JsonProperty("draft") DRAFT,
    @JsonProperty("pending_approval") PENDING_APPROVAL,
    @JsonProperty("active") ACTIVE,
    @JsonProperty("suspended") SUSPENDED,
    @JsonProperty("retired") RETIRED;

    public String wire() {
        return name().toLowerCase();
    }

    public static SystemStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
