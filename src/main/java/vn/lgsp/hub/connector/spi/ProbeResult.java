package vn.lgsp.hub.connector.spi;

import java.time.Duration;

/**
 * Outcome of one probe.
 *
 * @param supported false when the connector cannot probe; the result says nothing then
 * @param up        the endpoint answered as expected
 * @param duration  how long the probe took
 * @param detail    short reason when down (status code, error kind); never a secret
 */
public record ProbeResult(boolean supported, boolean up, Duration duration, String detail) {

    public static ProbeResult unsupported() {
        return new ProbeResult(false, false, Duration.ZERO, "probe not supported by connector");
    }

    public static ProbeResult up(Duration duration) {
        return new ProbeResult(true, true, duration, null);
    }

    public static ProbeResult down(Duration duration, String detail) {
        return new ProbeResult(true, false, duration, detail);
    }
}
