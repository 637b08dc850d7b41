package vn.lgsp.hub.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event the subscriber kept refusing, kept for the owner to inspect and replay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        UUID id,
        UUID subscriptionId,
        String providerSystem,
        String eventId,
        String eventType,
        String key,
        String topic,
        int partition,
        long offset,
        @JsonRawValue String event,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        OffsetDateTime deadAt,
        OffsetDateTime replayedAt,
        int replayCount) {
}
