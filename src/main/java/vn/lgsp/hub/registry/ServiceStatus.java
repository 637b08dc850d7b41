package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a service can be called: only {@link #PUBLISHED} services are routable. */
public enum ServiceStatus {
    @JsonProperty("draft") DRAFT,
    @JsonProperty("published") PUBLISHED,
    @JsonProperty("withdrawn") WITHDRAWN;

    public String wire() {
        return name().toLowerCase();
    }

    public static ServiceStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
