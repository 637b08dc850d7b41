package vn.lgsp.hub.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The registry API and its change events. */
@ConfigMapping(prefix = "lgsp.registry")
public interface RegistryConfig {

    /** Kafka topic of registry change events (system.registered, service.published, ...). */
    @WithDefault("lgsp.registry.events")
    String eventsTopic();

    /** Page size when a list request names none. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest page a list request may ask for. */
    @WithDefault("200")
    int maxPageSize();

    /** Largest service description document (OpenAPI or WSDL) accepted, in bytes. */
    @WithDefault("5242880")
    int maxDocumentBytes();

    /**
     * Longest time an in-memory copy of registry data (grants, routes, client map, event types)
     * is used without reloading, even when no change notification arrived: the bound on
     * staleness should the change listener be down.
     */
    @WithDefault("5s")
    java.time.Duration cacheTtl();
}
