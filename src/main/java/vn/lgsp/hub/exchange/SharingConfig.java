package vn.lgsp.hub.exchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The sharing API ({@code /share/...}). */
@ConfigMapping(prefix = "lgsp.sharing")
public interface SharingConfig {

    /**
     * A request header whose value the hub takes as the calling system's code, without any
     * proof. Only for tests and a local demo, until callers authenticate with OIDC tokens; unset
     * (the default) means no caller is identified this way.
     */
    Optional<String> trustedConsumerHeader();

    /**
     * Check access grants on every call. Off only to measure routing cost alone in benchmarks;
     * never in production (every caller could then reach every service).
     */
    @WithDefault("true")
    boolean enforceGrants();

    /**
     * The hub's public base URL as callers reach it, e.g. {@code https://lgsp.camau.gov.vn}, for
     * answers that carry the hub's own address (the service addresses of a served WSDL). Unset:
     * {@code http://} and the local address the request came in on. The request's Host header is
     * never used: the caller can forge it.
     */
    Optional<String> publicUrl();

    /** Most calls one consuming system may have open on this instance at once (fairness). */
    @WithDefault("256")
    int maxInFlightPerConsumer();

    /** Most request headers a call may carry. */
    @WithDefault("100")
    int maxHeaders();

    /** Consecutive failures of an endpoint that open its circuit breaker. */
    @WithDefault("5")
    int breakerFailureThreshold();

    /** How long an open breaker refuses calls before letting one trial call through. */
    @WithDefault("30s")
    Duration breakerOpenFor();

    /** First pause before a retry (doubled at each further attempt). */
    @WithDefault("50ms")
    Duration retryBackoff();

    /**
     * The longest the hub waits on a caller: between two buffers of its request body, and in one
     * stretch of not reading the answer. A caller slower than that is cut off (408 for a body,
     * a broken connection for an answer) so it cannot hold a provider connection or its
     * bulkhead slot.
     */
    @WithDefault("15s")
    Duration callerIdleTimeout();

    /** How long a replaced connector is kept so exchanges it started can finish. */
    @WithDefault("60s")
    Duration connectorDrainTime();

    /** Most routes (provider, service, version) held in memory; the cache is emptied beyond. */
    @WithDefault("10000")
    int routeCacheSize();
}
