package vn.lgsp.hub.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A consumer system's subscription to a provider's event type, under an access grant for that
 * event type. {@code secret} (the HMAC key of push deliveries) is shown once, in the answer that
 * created it; it is stored encrypted and never returned again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        UUID id,
        String consumerSystem,
        String providerSystem,
        String eventType,
        SubscriptionMode mode,
        String endpointCode,
        String path,
        Integer maxAttempts,
        String status,
        OffsetDateTime createdAt,
        String secret,
        @JsonIgnore byte[] secretCiphertext,
        @JsonIgnore String startOffsets,
        @JsonIgnore String topic) {

    Subscription withSecret(String plain) {
        return new Subscription(id, consumerSystem, providerSystem, eventType, mode, endpointCode, path, maxAttempts, status,
                createdAt, plain, secretCiphertext, startOffsets, topic);
    }

    /** Kafka consumer group of push delivery: shared by every hub instance, one per subscription. */
    String groupId() {
        return "lgsp.subscription." + id;
    }
}
