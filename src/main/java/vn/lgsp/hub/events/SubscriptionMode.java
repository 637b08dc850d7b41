package vn.lgsp.hub.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Push: the hub POSTs each event to the consumer's endpoint. Pull: the consumer reads with a cursor. */
public enum SubscriptionMode {
    @JsonProperty("push") PUSH,
    @JsonProperty("pull") PULL;

    public String wire() {
        return name().toLowerCase();
    }

    public static SubscriptionMode fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
