package vn.lgsp.hub.sharing;

import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ServiceBinding;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.SharedService;

/** Where a request goes: the provider, the service version, its endpoint and that endpoint's connector. */
public record Route(InformationSystem provider, SharedService service, Endpoint endpoint, Connector connector) {

    public ServiceBinding binding() {
        return new ServiceBinding(service.code(), service.version(), service.httpMethod() == null ? "*" : service.httpMethod(),
                service.pathPattern(), service.soapOperation(), soapOptions());
    }

    private java.util.Map<String, String> soapOptions() {
        if (service.soapAction() == null) {
            return service.options();
        }
        java.util.Map<String, String> options = new java.util.HashMap<>(service.options());
        options.putIfAbsent("soapAction", service.soapAction());
        return options;
    }
}
