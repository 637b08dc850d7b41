package vn.lgsp.hub.connection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Probes, status rules and the connection report ({@code lgsp.connections.*}). */
@ConfigMapping(prefix = "lgsp.connections")
public interface ConnectionsConfig {

    /** Run the probe scheduler and the status evaluation on this instance. */
    @WithDefault("true")
    boolean enabled();

    /** How often the scheduler looks for due probes (each claim is one small UPDATE). */
    @WithDefault("1s")
    Duration tick();

    /**
     * How long a claimed probe's lease outlasts its timeout: if the instance that claimed it dies
     * mid-probe, another instance runs it once timeout + this margin have passed since the claim.
     */
    @WithDefault("30s")
    Duration probeLeaseMargin();

    /** Most probes in flight on one instance, so 36+ systems are never probed at once. */
    @WithDefault("8")
    int maxInFlight();

    /** Smallest probe interval an owner may register, in seconds. */
    @WithDefault("10")
    int minProbeIntervalSeconds();

    /** Random spread added to every probe's next time, as a fraction of its interval. */
    @WithDefault("0.1")
    double jitter();

    /** Longest pause between probes of an endpoint that keeps failing (exponential backoff cap). */
    @WithDefault("10m")
    Duration maxBackoff();

    /** How long probe results are kept for trend charts. */
    @WithDefault("30d")
    Duration probeRetention();

    /** A successful probe or transaction younger than this makes an entry connected. */
    @WithDefault("15m")
    Duration freshness();

    /** Consecutive failed probes of an endpoint that make an entry degraded. */
    @WithDefault("3")
    int probeFailureThreshold();

    /** Failed transactions within the freshness window that, with {@link #transactionFailureRatio()}, make it degraded. */
    @WithDefault("5")
    int transactionFailureThreshold();

    /** Share of failed transactions within the freshness window that, with the count, makes it degraded. */
    @WithDefault("0.5")
    double transactionFailureRatio();

    /** How often statuses are derived from the evidence. */
    @WithDefault("15s")
    Duration evaluateInterval();

    /**
     * Hysteresis: a new connected / degraded / disconnected status must be what the evidence says
     * for this long, and at {@link #settleEvaluations()} evaluations in a row, before it replaces
     * the current one. Changes driven by the registry (linking, activation) apply at once.
     */
    @WithDefault("1m")
    Duration settleTime();

    /** See {@link #settleTime()}. */
    @WithDefault("3")
    int settleEvaluations();

    /** The period of the per-service health statistics ({@code /systems/{code}/health}). */
    @WithDefault("1h")
    Duration healthPeriod();

    /** How far back the health statistics look for the last successful and failed request. */
    @WithDefault("7d")
    Duration healthLookback();

    /** Kafka topic of {@code connection.status_changed} events. */
    @WithDefault("lgsp.connection.events")
    String eventsTopic();
}
