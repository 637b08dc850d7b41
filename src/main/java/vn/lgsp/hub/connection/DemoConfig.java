package vn.lgsp.hub.connection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The demo data set of the embedded run ({@code lgsp.demo.*}). It is only ever seeded when the
 * hub itself started the embedded PostgreSQL, never against a configured (production) database.
 */
@ConfigMapping(prefix = "lgsp.demo")
public interface DemoConfig {

    /** Register stub systems for the catalogue at start (embedded run only). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Set by the embedded run (not by hand) when it started PostgreSQL itself: the demo only ever
     * writes into the embedded run's own database, never into a configured one.
     */
    @WithDefault("false")
    boolean embeddedRun();

    /** Probe interval of the demo endpoints, short so the report fills within a minute. */
    @WithDefault("10")
    int probeIntervalSeconds();
}
