package vn.lgsp.hub.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Reads {@code lgsp.connection.events} from its start; tests ask it for one entry's status changes. */
final class ConnectionEventLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    ConnectionEventLog() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("lgsp.connection.events"));
    }

    /** Polls once more, then returns the data of every event keyed by {@code catalogueId}, in order. */
    synchronized List<JsonNode> of(String catalogueId) {
        consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
        List<JsonNode> out = new ArrayList<>();
        // Delivery is at least once (a Kafka timeout makes the outbox send again): a consumer
        // de-duplicates by the CloudEvent id, and so does this log.
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> record : seen) {
            if (catalogueId.equals(record.key())) {
                try {
                    JsonNode event = JSON.readTree(record.value());
                    if ("connection.status_changed".equals(event.path("type").asText()) && ids.add(event.path("id").asText())) {
                        out.add(event.path("data"));
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    List<String> statuses(String catalogueId) {
        return of(catalogueId).stream().map(data -> data.path("status").asText()).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
