package vn.lgsp.hub.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The transaction ledger. */
@ConfigMapping(prefix = "lgsp.ledger")
public interface LedgerConfig {

    /**
     * Record every sharing transaction before answering. Off only for benchmarks that measure
     * routing alone; production must keep it on (the province's counts depend on it).
     */
    @WithDefault("true")
    boolean enabled();

    /** Most transactions committed in one group commit. */
    @WithDefault("500")
    int maxBatch();

    /**
     * Group commits in flight at once, for outcomes and for request records each (each commit
     * adds to its own rollup slot, so they do not wait on each other); requests arriving meanwhile
     * join the next one. On two cores, one instead of two cut PostgreSQL's CPU per call by about
     * 30 % (larger batches, half the commits) at no cost in latency; see the README's benchmarks.
     */
    @WithDefault("1")
    int maxInFlight();

    /** Kafka topic of the transaction event stream (keyed by provider). */
    @WithDefault("lgsp.transactions")
    String topic();

    /** How long detail rows are kept; hourly rollups are kept for ever. */
    @WithDefault("400d")
    Duration retention();

    /** Daily partitions created ahead of today. */
    @WithDefault("7")
    int partitionsAhead();

    /**
     * How long partition upkeep waits for the ledger's table lock. Creating or dropping a
     * partition needs an exclusive lock, and a waiting exclusive request holds up every insert
     * behind it: upkeep gives up after this long (and tries again a minute later) rather than let
     * one long search stall the ledger.
     */
    @WithDefault("2s")
    Duration maintenanceLockTimeout();

    /** How often completion details (bytes sent, response digests) are written. */
    @WithDefault("250ms")
    Duration completionFlushInterval();

    /**
     * After a failed or late commit, how long new calls are refused up front with 503 (instead of
     * each waiting for a commit that is likely to fail), unless a commit succeeds meanwhile.
     */
    @WithDefault("1s")
    Duration failFastWindow();

    /**
     * Fail closed: write each call's request record and wait for its commit before the call
     * reaches the provider, so nothing is served unrecorded. Off only to measure what it costs.
     */
    @WithDefault("true")
    boolean recordRequests();

    /**
     * Longest a ledger record may wait for its commit, queued or in flight. Past it the call is
     * refused (503 {@code ledger-unavailable}; a request record's call never reaches the
     * provider) and readiness goes down until a commit or a probe of the database succeeds: a hung
     * PostgreSQL is detected within this long.
     */
    @WithDefault("2s")
    Duration commitDeadline();

    /**
     * Most records of each kind (request, outcome) waiting for a commit slot; one more is refused
     * at once, so a stalled database cannot make the hub's memory grow with the load.
     */
    @WithDefault("10000")
    int maxQueued();
}
