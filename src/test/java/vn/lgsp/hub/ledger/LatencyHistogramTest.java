package vn.lgsp.hub.ledger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {

    @Test
    void neverAboveTheLargestDurationRecorded() {
        // The case seen on a running hub: every call in [16.384, 32.768) ms, the slowest 19.211 ms.
        long[] buckets = new long[32];
        buckets[14] = 1_000;
        assertEquals(19.211, LatencyHistogram.percentileMillis(buckets, 0.99, 19_211L));
        assertTrue(LatencyHistogram.percentileMillis(buckets, 0.50, 19_211L) <= 19.211);
    }

    @Test
    void interpolatesByRankWithinTheBucket() {
        long[] buckets = new long[32];
        buckets[10] = 100; // [1.024, 2.048) ms
        assertEquals(1.536, LatencyHistogram.percentileMillis(buckets, 0.50, null));
        assertEquals(2.048, LatencyHistogram.percentileMillis(buckets, 1.0, null));
        assertEquals(1.034, LatencyHistogram.percentileMillis(buckets, 0.0, null), "the smallest rank is the first call's");
    }

    @Test
    void countsAcrossBucketsAreExact() {
        long[] buckets = new long[32];
        buckets[3] = 90;  // [8, 16) µs
        buckets[20] = 10; // [1.048576, 2.097152) s
        assertEquals(0.016, LatencyHistogram.percentileMillis(buckets, 0.90, 2_000_000L), "the 90th call is the fast bucket's last");
        double p95 = LatencyHistogram.percentileMillis(buckets, 0.95, 2_000_000L);
        assertTrue(p95 >= 1048.576 && p95 <= 2000.0, "p95 " + p95);
        assertEquals(1992.294, LatencyHistogram.percentileMillis(buckets, 0.99, 2_000_000L));
        assertEquals(2000.0, LatencyHistogram.percentileMillis(buckets, 1.0, 2_000_000L), "the slowest call bounds the last rank");
    }

    @Test
    void noCallsNoPercentile() {
        assertNull(LatencyHistogram.percentileMillis(new long[32], 0.95, null));
    }
}
