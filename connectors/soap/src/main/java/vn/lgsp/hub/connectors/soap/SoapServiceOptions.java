package vn.lgsp.hub.connectors.soap;

import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.ServiceBinding;

import java.util.Map;

/**
 * The SOAP settings of one exchange: a service option wins over the endpoint option of the same
 * name, which wins over the default.
 */
record SoapServiceOptions(
        SoapVersion version,
        String soapAction,
        Mode mode,
        String operation,
        String namespace,
        String responseWrapper,
        boolean qualifiedChildren,
        long maxEnvelopeBytes,
        long maxResponseBytes) {

    enum Mode { PASSTHROUGH, REST_FACADE }

    static final String SOAP_VERSION = "soapVersion";
    static final String SOAP_ACTION = "soapAction";
    static final String MODE = "mode";
    static final String NAMESPACE = "namespace";
    static final String RESPONSE_WRAPPER = "responseWrapper";
    static final String ELEMENT_FORM = "elementFormDefault";
    static final String MAX_ENVELOPE_BYTES = "maxEnvelopeBytes";
    static final String MAX_RESPONSE_BYTES = "maxResponseBytes";
    static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    /** Fails with IllegalArgumentException when the service is not usable as registered. */
    static SoapServiceOptions of(ServiceBinding service, EndpointSettings endpoint) {
        Map<String, String> s = service.options();
        Map<String, String> e = endpoint.options();
        SoapVersion version = SoapVersion.fromLabel(pick(s, e, SOAP_VERSION, "1.1"));
        Mode mode = switch (pick(s, e, MODE, "passthrough")) {
            case "passthrough" -> Mode.PASSTHROUGH;
            case "rest-facade" -> Mode.REST_FACADE;
            default -> throw new IllegalArgumentException("mode must be passthrough or rest-facade");
        };
        String operation = service.soapOperation();
        if (operation == null || !JsonToSoapEnvelope.isNcName(operation)) {
            throw new IllegalArgumentException("the service has no valid soapOperation");
        }
        String namespace = s.get(NAMESPACE);
        if (mode == Mode.REST_FACADE && (namespace == null || namespace.isBlank())) {
            throw new IllegalArgumentException("rest-facade needs the service option namespace");
        }
        String action = s.get(SOAP_ACTION);
        if (action != null && (action.contains("\"") || action.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new IllegalArgumentException("soapAction has a character that cannot be sent");
        }
        return new SoapServiceOptions(version, action, mode, operation, namespace,
                blankToNull(s.get(RESPONSE_WRAPPER)),
                "qualified".equals(pick(s, e, ELEMENT_FORM, "unqualified")),
                size(pick(s, e, MAX_ENVELOPE_BYTES, null)),
                size(pick(s, e, MAX_RESPONSE_BYTES, null)));
    }

    private static String pick(Map<String, String> service, Map<String, String> endpoint, String key, String fallback) {
        String value = service.get(key);
        if (value == null) {
            value = endpoint.get(key);
        }
        return value == null ? fallback : value.trim();
    }

    private static long size(String value) {
        if (value == null) {
            return DEFAULT_MAX_BYTES;
        }
        long parsed = Long.parseLong(value);
        if (parsed <= 0) {
            throw new IllegalArgumentException("byte limits must be positive");
        }
        return parsed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
