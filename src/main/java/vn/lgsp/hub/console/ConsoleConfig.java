package vn.lgsp.hub.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The operator console ({@code /console}); its log-in is the {@code quarkus.oidc.console} tenant. */
@ConfigMapping(prefix = "lgsp.console")
public interface ConsoleConfig {

    /** How often the overview's live numbers and chart are refreshed (one shared query per period). */
    @WithDefault("5s")
    Duration liveInterval();

    /** How many minutes the overview's live per-minute chart shows. */
    @WithDefault("30")
    int liveMinutes();

    /** Rows per page of the console's traffic search. */
    @WithDefault("50")
    int pageSize();
}
