package vn.lgsp.hub.ledger;

/**
 * Percentiles from power-of-two latency buckets (bucket i counts durations in
 * [2^i, 2^(i+1)) microseconds). Counts are exact; within the bucket that holds the percentile
 * the value is interpolated linearly by rank, so it is right within that bucket's width (a
 * factor of two), and it is never reported above the largest duration recorded.
 */
public final class LatencyHistogram {

    private LatencyHistogram() {
    }

    /**
     * The {@code quantile} (0..1) in milliseconds, or null for no calls; {@code maxMicros}, the
     * largest duration recorded (null if unknown), bounds the answer.
     */
    public static Double percentileMillis(long[] buckets, double quantile, Long maxMicros) {
        long total = 0;
        for (long b : buckets) {
            total += b;
        }
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        double micros = 1L << buckets.length;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] > 0 && seen + buckets[i] >= rank) {
                double lower = 1L << i;
                double width = lower;
                micros = lower + width * (rank - seen) / buckets[i];
                break;
            }
            seen += buckets[i];
        }
        if (maxMicros != null) {
            micros = Math.min(micros, maxMicros);
        }
        return Math.round(micros) / 1000.0;
    }
}
