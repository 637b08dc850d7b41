package vn.lgsp.hub.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * Derives an entry's status from evidence, never from a flag (docs/connection-report.md):
 * <ol>
 *   <li>no linked system: {@code not_registered};</li>
 *   <li>linked but not active, or no published service: {@code registered};</li>
 *   <li>no successful probe and no successful transaction within the freshness window:
 *       {@code disconnected};</li>
 *   <li>an endpoint's last {@code probe-failure-threshold} probes failed: {@code degraded} (probe),
 *       since that failure streak began;</li>
 *   <li>at least {@code transaction-failure-threshold} failed transactions within the window, and
 *       at least {@code transaction-failure-ratio} of them: {@code degraded} (transactions), since
 *       the first of them;</li>
 *   <li>otherwise {@code connected}.</li>
 * </ol>
 */
record StatusRules(Duration freshness, int probeFailureThreshold, int transactionFailureThreshold, double transactionFailureRatio) {

    static StatusRules of(ConnectionsConfig config) {
        return new StatusRules(config.freshness(), config.probeFailureThreshold(), config.transactionFailureThreshold(),
                config.transactionFailureRatio());
    }

    Derived derive(Evidence e, Instant now) {
        if (e.systemCode() == null) {
            return Derived.of(ConnectionStatus.NOT_REGISTERED);
        }
        if (!e.systemActive() || e.publishedServices() == 0) {
            return Derived.of(ConnectionStatus.REGISTERED);
        }
        Instant horizon = now.minus(freshness);
        boolean probeFresh = e.lastProbeUpAt() != null && !e.lastProbeUpAt().isBefore(horizon);
        boolean trafficFresh = e.lastTransactionOkAt() != null && !e.lastTransactionOkAt().isBefore(horizon);
        if (!probeFresh && !trafficFresh) {
            return Derived.of(ConnectionStatus.DISCONNECTED);
        }
        if (e.probeFailingSince() != null) {
            return new Derived(ConnectionStatus.DEGRADED, "probe", e.probeFailingSince());
        }
        long total = e.transactionsOk() + e.transactionsFailed();
        if (e.transactionsFailed() >= transactionFailureThreshold && total > 0
                && e.transactionsFailed() >= transactionFailureRatio * total) {
            return new Derived(ConnectionStatus.DEGRADED, "transactions", e.firstFailureAt());
        }
        return Derived.of(ConnectionStatus.CONNECTED);
    }
}
