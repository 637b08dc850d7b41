package vn.lgsp.hub.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Where one event stands with one subscription. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(
        UUID subscriptionId,
        String providerSystem,
        String eventId,
        String consumerSystem,
        String eventType,
        String mode,
        String status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        OffsetDateTime firstAttemptAt,
        OffsetDateTime lastAttemptAt,
        OffsetDateTime deliveredAt) {
}
