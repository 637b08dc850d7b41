package vn.lgsp.hub.connection;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;

/** An endpoint's probe settings with what the last probe found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeView(
        String target,
        int intervalSeconds,
        int timeoutMs,
        OffsetDateTime nextProbeAt,
        LastProbe last,
        int consecutiveFailures,
        OffsetDateTime failingSince) {

    /** The last probe: when, whether the endpoint answered as expected, how long it took, why not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastProbe(OffsetDateTime at, Boolean up, Integer durationMs, String detail) {
    }
}
