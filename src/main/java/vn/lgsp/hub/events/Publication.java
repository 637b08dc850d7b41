package vn.lgsp.hub.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;

/** The hub's answer to a publication: where the event is durable. A re-POST gets the same answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Publication(
        String eventId,
        String providerSystem,
        String eventType,
        String version,
        String key,
        String topic,
        Integer partition,
        Long offset,
        OffsetDateTime publishedAt,
        String transactionId,
        boolean duplicate) {
}
