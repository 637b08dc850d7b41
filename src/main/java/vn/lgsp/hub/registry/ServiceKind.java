package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A REST service is addressed by method and path pattern, a SOAP service by operation. */
public enum ServiceKind {
    @JsonProperty("rest") REST,
    @JsonProperty("soap") SOAP;

    public String wire() {
        return name().toLowerCase();
    }

    public static ServiceKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
