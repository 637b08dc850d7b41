package vn.lgsp.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.KafkaTopic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class RegistryEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCommittedChangeIsPublishedInOrderAndFailedOnesAreNot() throws Exception {
        String code = Api.uniqueCode("events");
        try (KafkaTopic topic = new KafkaTopic("lgsp.registry.events")) {
            Api.registerSystem(Api.system(code));
            Map<String, Object> body = Api.system(code);
            body.put("nameEn", "Renamed for events");
            Api.json().header("If-Match", "\"1\"").body(body).put("/api/v1/systems/" + code).then().statusCode(200);
            // Rolled back: a stale ETag changes nothing and must publish nothing.
            Api.json().header("If-Match", "\"1\"").body(body).put("/api/v1/systems/" + code).then().statusCode(412);
            Api.json().body(Map.of("action", "submit")).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);

            List<ConsumerRecord<String, String>> records = topic.await(r -> code.equals(r.key()), 3, Duration.ofSeconds(30));
            List<JsonNode> events = records.stream().map(r -> read(r.value())).toList();
            assertEquals(List.of("system.registered", "system.updated", "system.status_changed"),
                    events.stream().map(e -> e.get("type").asText()).toList());
            JsonNode registered = events.get(0);
            assertEquals("1.0", registered.get("specversion").asText());
            assertEquals(code, registered.get("subject").asText());
            assertEquals(code, registered.at("/data/code").asText());
            assertEquals("Renamed for events", events.get(1).at("/data/nameEn").asText());
            assertEquals("draft", events.get(2).at("/data/from").asText());
            assertEquals("pending_approval", events.get(2).at("/data/to").asText());
            assertNotEquals(events.get(0).get("id").asText(), events.get(1).get("id").asText());
            assertFalse(registered.at("/data").has("id"), "internal ids stay inside the hub");
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
