package vn.lgsp.hub.connector.spi;

import java.util.Map;

/**
 * The provider service a request was routed to, as its owner registered it.
 *
 * @param code           service code, unique within the provider system
 * @param version        service version
 * @param method         HTTP method the service is registered for, or {@code "*"} for any
 * @param pathPattern    registered path pattern below the endpoint, e.g. {@code /citizens/{id}}
 * @param soapOperation  SOAP operation (local name of the body element), or null for REST
 * @param options        service-level connector options, e.g. the REST-to-SOAP mapping of the
 *                       SOAP connector (documented in each connector's README)
 */
public record ServiceBinding(
        String code,
        String version,
        String method,
        String pathPattern,
        String soapOperation,
        Map<String, String> options) {

    public ServiceBinding {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
