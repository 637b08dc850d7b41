package vn.lgsp.hub.exchange;

import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ServiceBinding;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.SharedService;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a call goes and on which terms: the provider, the service (its limits, retries and
 * options; for event roads, the event type on the terms the events configuration sets), and the
 * endpoint with its live connector. Roads answered without a connector (pull, publish) have
 * neither endpoint nor connector.
 */
public record Route(String providerCode, SharedService service, Endpoint endpoint, Connector connector) {

    public ServiceBinding binding() {
        return new ServiceBinding(service.code(), service.version(), service.httpMethod() == null ? "*" : service.httpMethod(),
                service.pathPattern(), service.soapOperation(), soapOptions());
    }

    /** What the ledger records as the operation: the path pattern, or the SOAP operation. */
    public String operation() {
        return service.pathPattern() != null ? service.pathPattern() : service.soapOperation();
    }

    private Map<String, String> soapOptions() {
        if (service.soapAction() == null) {
            return service.options();
        }
        Map<String, String> options = new HashMap<>(service.options());
        options.putIfAbsent("soapAction", service.soapAction());
        return options;
    }
}
