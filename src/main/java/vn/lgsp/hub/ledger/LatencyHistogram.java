package vn.lgsp.hub.ledger;

/**
 * Percentiles from power-of-two latency buckets (bucket i counts durations in
 * [2^i, 2^(i+1)) microseconds). The answer is the bucket's upper bound: exact counts, latency
 * resolution within a factor of two, which is what an operator's chart needs.
 */
public final class LatencyHistogram {

    private LatencyHistogram() {
    }

    public static Double percentileMillis(long[] buckets, double quantile) {
        long total = 0;
        for (long b : buckets) {
            total += b;
        }
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return (1L << (i + 1)) / 1000.0;
            }
        }
        return (1L << buckets.length) / 1000.0;
    }
}
