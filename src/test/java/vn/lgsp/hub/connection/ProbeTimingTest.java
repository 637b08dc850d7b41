package vn.lgsp.hub.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeTimingTest {

    private final ProbeTiming timing = new ProbeTiming(Duration.ofSeconds(60), Duration.ofMinutes(10), 0.1);

    @Test
    void upOrFirstFailureKeepsTheInterval() {
        assertEquals(Duration.ofSeconds(60), timing.nextDelay(0, 0.5));
        assertEquals(Duration.ofSeconds(60), timing.nextDelay(1, 0.5));
    }

    @Test
    void failuresBackOffExponentiallyUpToTheCap() {
        assertEquals(Duration.ofSeconds(120), timing.nextDelay(2, 0.5));
        assertEquals(Duration.ofSeconds(240), timing.nextDelay(3, 0.5));
        assertEquals(Duration.ofMinutes(10), timing.nextDelay(8, 0.5));
        assertEquals(Duration.ofMinutes(10), timing.nextDelay(1000, 0.5));
    }

    @Test
    void jitterSpreadsWithinTheFraction() {
        assertEquals(Duration.ofSeconds(54), timing.nextDelay(0, 0.0));
        assertTrue(timing.nextDelay(0, 0.999).toMillis() <= 66_000);
    }

    @Test
    void anIntervalLongerThanTheCapIsNeverShortened() {
        ProbeTiming hourly = new ProbeTiming(Duration.ofHours(1), Duration.ofMinutes(10), 0);
        assertEquals(Duration.ofHours(1), hourly.nextDelay(5, 0.3));
    }

    @Test
    void firstProbesSpreadOverTheInterval() {
        assertEquals(Duration.ZERO, timing.firstDelay(0));
        assertEquals(Duration.ofSeconds(30), timing.firstDelay(0.5));
    }
}
