package vn.lgsp.hub.embedded;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded default of the one-command run. {@link EmbeddedInfrastructure} reads these keys
 * before the hub's configuration is built (the servers must be up first); this mapping declares
 * and documents them, with the same defaults.
 */
@ConfigMapping(prefix = "lgsp.embedded")
public interface EmbeddedConfig {

    /** Start an embedded PostgreSQL / Kafka for whichever of the two is not configured. */
    @WithDefault("true")
    boolean enabled();

    /** Where the embedded servers keep their data, so registrations survive a restart. */
    @WithDefault(".lgsp-hub")
    String dataDir();

    /** Port of the embedded PostgreSQL. */
    @WithDefault("55432")
    int postgresPort();

    /** Port of the embedded Kafka broker. */
    @WithDefault("59092")
    int kafkaPort();

    /** Port of the demo token issuer (started only with embedded servers and no OIDC provider configured). */
    @WithDefault("58180")
    int issuerPort();
}
