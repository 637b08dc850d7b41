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

    /**
     * Longest wait for a reload of registry data. A database that hangs would otherwise hold
     * every call whose data expired; past this the call is refused (503
     * {@code storage-unavailable}) and the next caller tries again.
     */
    @WithDefault("2s")
    java.time.Duration loadTimeout();

    /**
     * When on, moving an endpoint of an active system to another origin (scheme, host or port,
     * or another OAuth2 token URL) is an admin's decision: an owner's attempt is refused (403,
     * audited) and the admin makes the change (audited with before and after).
     */
    @WithDefault("false")
    boolean adminApprovesAddressChanges();
}
