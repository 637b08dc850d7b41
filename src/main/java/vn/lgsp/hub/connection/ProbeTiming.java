package vn.lgsp.hub.connection;

import java.time.Duration;

/**
 * When an endpoint is probed next: its interval, doubled for every further failure in a row (an
 * endpoint that is down is not hammered) up to a cap, spread by random jitter so probes of many
 * endpoints registered at once drift apart instead of firing together.
 */
record ProbeTiming(Duration interval, Duration maxBackoff, double jitter) {

    /**
     * @param failures consecutive failures including the probe just done (0 when it was up)
     * @param random   a number in [0, 1)
     */
    Duration nextDelay(int failures, double random) {
        long base = interval.toMillis();
        if (failures > 1) {
            long cap = Math.max(base, maxBackoff.toMillis());
            int doublings = Math.min(failures - 1, 30);
            base = Math.min(cap, base << Math.min(doublings, Long.numberOfLeadingZeros(base) - 1));
        }
        long spread = Math.round(base * jitter * (random * 2 - 1));
        return Duration.ofMillis(Math.max(1, base + spread));
    }

    /** The first probe of a new endpoint: anywhere within one interval, so a batch registration does not stampede. */
    Duration firstDelay(double random) {
        return Duration.ofMillis(Math.round(interval.toMillis() * random));
    }
}
