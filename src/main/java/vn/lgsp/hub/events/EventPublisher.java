package vn.lgsp.hub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.FieldError;
import vn.lgsp.hub.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Publishes one event, as the terminal of the publish road (whose ledger stage records every
 * publication call): checks it against its type's schema, then, in one PostgreSQL transaction,
 * claims (provider, event id), sends the event to Kafka, waits for acks=all and commits. A second POST of the same id waits for the first to commit on
 * the claim's unique key and then answers what the first answered, without producing again. A
 * crash after Kafka's acknowledgement but before the commit leaves no claim, so a retry
 * produces the event a second time with the same id: subscribers de-duplicate by id
 * (at-least-once, like every Kafka pipeline).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    static final Pattern EVENT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    private static final Set<String> FIELDS = Set.of("id", "key", "data");
    static final String PATH = "/api/v1/events/{eventType}";

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    EventTypes types;
    @Inject
    EventKafka kafka;
    @Inject
    EventsConfig config;

    /** A publication that passed the checks. */
    private record Event(String id, String key, JsonNode data, String digest, long bytes) {
    }

    /** Refuses a body over {@code lgsp.events.max-event-bytes} before anything else is looked at. */
    void checkSize(String body) {
        if (body != null && body.length() > config.maxEventBytes()) {
            throw new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE, "the event is larger than " + config.maxEventBytes() + " bytes");
        }
    }

    /** The publish road's route: the provider's own event type (a provider needs no grant to publish its events). */
    CompletionStage<Route> route(String provider, String eventType, String version) {
        return types.resolve(provider, eventType, version)
                .thenApply(compiled -> EventRoutes.publish(provider, compiled.type().name(), compiled.type().version(), config.maxEventBytes()));
    }

    /** Publishes under {@code transactionId}; the pipeline around it records the transaction. */
    public Uni<Publication> publish(String provider, String eventType, String version, String idHeader, String keyHeader,
                                    String body, String transactionId) {
        return OnContext.await(() -> types.resolve(provider, eventType, version))
                .flatMap(compiled -> {
                    Event event = parse(body, idHeader, keyHeader, compiled);
                    return pool.withTransaction(tx -> claim(tx, provider, compiled.type(), event, transactionId)
                            .flatMap(claimed -> claimed
                                    ? produce(tx, provider, compiled.type(), event, transactionId)
                                    : existing(tx, provider, compiled.type(), event)));
                });
    }

    private Event parse(String body, String idHeader, String keyHeader, EventTypes.Compiled compiled) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "the body is not well-formed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "the body must be a JSON object {\"id\", \"key\", \"data\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ProblemException.field(ErrorCode.UNKNOWN_FIELD, name, "an event has only id, key and data");
            }
        }
        FieldChecks checks = new FieldChecks();
        String id = text(root, "id", checks);
        if (id == null) {
            id = idHeader;
        } else if (idHeader != null && !idHeader.equals(id)) {
            checks.add("id", "id-mismatch", "the X-LGSP-Event-Id header and the id field differ");
        }
        if (id == null) {
            checks.add("id", "required", "an event id is required (field id or header X-LGSP-Event-Id): it makes publication idempotent");
        } else if (!EVENT_ID.matcher(id).matches()) {
            checks.add("id", "invalid-event-id", "id must be 1 to 128 characters: letters, digits, . _ : -, starting with a letter or digit");
        }
        String key = text(root, "key", checks);
        key = key != null ? key : keyHeader;
        if (key != null && (key.isEmpty() || key.length() > 256 || key.chars().anyMatch(Character::isISOControl))) {
            checks.add("key", "invalid-key", "key must be 1 to 256 characters without control characters");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            checks.add("data", "required", "data is required");
        }
        checks.throwIfAny();
        List<FieldError> violations = PayloadSchemas.validate(compiled.schema(), data);
        if (!violations.isEmpty()) {
            FieldError first = violations.get(0);
            throw new ProblemException(ErrorCode.SCHEMA_VIOLATION,
                    violations.size() == 1 ? first.message() : violations.size() + " values do not match the schema; first: " + first.message(),
                    first.field(), violations, null);
        }
        String effectiveKey = key != null ? key : id;
        String dataText = data.toString();
        String digest = sha256(compiled.type().name() + '\n' + compiled.type().version() + '\n' + effectiveKey + '\n' + dataText);
        return new Event(id, effectiveKey, data, digest, body.length());
    }

    private static String text(JsonNode root, String field, FieldChecks checks) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            checks.add(field, "invalid-type", field + " must be a string");
            return null;
        }
        return node.asText();
    }

    private Uni<Boolean> claim(SqlConnection tx, String provider, EventType type, Event event, String transactionId) {
        return tx.preparedQuery("INSERT INTO event_publication (provider_code, event_id, event_type, event_version, event_key, "
                        + "payload_sha256, topic, transaction_id, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) "
                        + "ON CONFLICT DO NOTHING RETURNING 1")
                .execute(Tuple.tuple().addValue(provider).addValue(event.id()).addValue(type.name()).addValue(type.version())
                        .addValue(event.key()).addValue(event.digest()).addValue(type.topic()).addValue(transactionId))
                .map(rows -> rows.size() == 1);
    }

    private Uni<Publication> produce(SqlConnection tx, String provider, EventType type, Event event, String transactionId) {
        String envelope = envelope(provider, type, event);
        ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), null, event.key(), envelope,
                List.of(new RecordHeader("lgsp-event-id", event.id().getBytes(StandardCharsets.UTF_8))));
        return OnContext.await(() -> kafka.send(record))
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("event %s of %s not acknowledged by Kafka: %s", event.id(), provider, failure.toString());
                    return new ProblemException(ErrorCode.EVENTS_UNAVAILABLE, "Kafka did not acknowledge the event; retry with the same id",
                            null, List.of(), Map.of("Retry-After", "1"));
                })
                .flatMap((RecordMetadata meta) -> tx.preparedQuery("UPDATE event_publication SET kafka_partition = $3, kafka_offset = $4 "
                                + "WHERE provider_code = $1 AND event_id = $2 RETURNING published_at")
                        .execute(Tuple.of(provider, event.id(), meta.partition(), meta.offset()))
                        .map(rows -> new Publication(event.id(), provider, type.name(), type.version(), event.key(),
                                type.topic(), meta.partition(), meta.offset(),
                                rows.iterator().next().getOffsetDateTime("published_at"), transactionId, false)));
    }

    private Uni<Publication> existing(SqlConnection tx, String provider, EventType type, Event event) {
        return tx.preparedQuery("SELECT * FROM event_publication WHERE provider_code = $1 AND event_id = $2")
                .execute(Tuple.of(provider, event.id()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (!event.digest().equals(row.getString("payload_sha256"))) {
                        throw ProblemException.field(ErrorCode.EVENT_ID_CONFLICT, "id",
                                "an event with this id was published before with another content");
                    }
                    return publication(row, true);
                });
    }

    static Publication publication(Row row, boolean duplicate) {
        return new Publication(row.getString("event_id"), row.getString("provider_code"), row.getString("event_type"),
                row.getString("event_version"), row.getString("event_key"), row.getString("topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getOffsetDateTime("published_at"), row.getString("transaction_id"), duplicate);
    }

    /** The event as subscribers get it: a CloudEvents 1.0 JSON document. */
    private String envelope(String provider, EventType type, Event event) {
        ObjectNode node = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", event.id())
                .put("source", "urn:lgsp-hub:system:" + provider)
                .put("type", type.name())
                .put("subject", event.key())
                .put("time", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("datacontenttype", "application/json")
                .put("dataschemaversion", type.version())
                .put("provider", provider);
        node.set("data", event.data());
        return node.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
