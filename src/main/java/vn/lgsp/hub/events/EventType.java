package vn.lgsp.hub.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import vn.lgsp.hub.registry.DataClassification;

import java.time.OffsetDateTime;

/**
 * A kind of event a provider system publishes: its name and version, the JSON Schema its
 * payload ({@code data}) must match, and how sensitive that data is. All versions of one name
 * share one Kafka topic, so events of one key stay in order across versions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventType(
        String providerSystem,
        String name,
        String version,
        String description,
        JsonNode schema,
        DataClassification dataClassification,
        String topic,
        OffsetDateTime createdAt) {
}
