package vn.lgsp.hub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.api.PgErrors;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.DataClassification;
import vn.lgsp.hub.registry.RegistryCache;
import vn.lgsp.hub.registry.RegistryChanges;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Event types: stored in PostgreSQL, and held in memory with their compiled schemas (per provider
 * and name, every version) until the registry changes, so a publication costs no lookup.
 */
@ApplicationScoped
public class EventTypes {

    /** An event type version with its compiled schema. */
    public record Compiled(EventType type, JsonSchema schema) {
    }

    private static final String SELECT = "SELECT s.code AS provider_code, t.name, t.version, t.description, t.payload_schema::text AS schema, "
            + "t.data_classification, t.topic, t.created_at FROM event_type t JOIN information_system s ON s.id = t.system_id ";

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    RegistryChanges changes;

    /** Keys are (provider, name) pairs that callers name; bounded so invented names cannot grow it. */
    static final int MAX_CACHED_TYPES = 10_000;

    private RegistryCache<String, List<Compiled>> cache;

    @PostConstruct
    void init() {
        cache = changes.cache(MAX_CACHED_TYPES);
    }

    public Uni<EventType> insert(SqlClient tx, UUID systemId, String providerCode, EventTypeInput in, String topic) {
        String schema;
        try {
            schema = mapper.writeValueAsString(in.schema());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return tx.preparedQuery("INSERT INTO event_type (id, system_id, name, version, description, payload_schema, data_classification, "
                        + "topic, created_at) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, now())")
                .execute(Tuple.tuple().addValue(UUID.randomUUID()).addValue(systemId).addValue(in.name()).addValue(in.version())
                        .addValue(in.description()).addValue(schema).addValue(in.dataClassification().wire()).addValue(topic))
                .onFailure().transform(failure -> PgErrors.violates(failure, PgErrors.UNIQUE_VIOLATION, "event_type_system_id_name_version_key")
                        ? ProblemException.field(ErrorCode.DUPLICATE_EVENT_TYPE, "version", "the system declares this event type and version already")
                        : failure)
                .flatMap(done -> versions(tx, providerCode, in.name()))
                .map(list -> list.stream().filter(t -> t.version().equals(in.version())).findFirst().orElseThrow());
    }

    public Uni<List<EventType>> list(SqlClient db, String providerCode) {
        return db.preparedQuery(SELECT + "WHERE s.code = $1 ORDER BY t.name, t.created_at").execute(Tuple.of(providerCode))
                .map(rows -> {
                    List<EventType> items = new ArrayList<>();
                    rows.forEach(row -> items.add(map(row)));
                    return items;
                });
    }

    /** Every version of one event type, oldest first (empty when none is declared). */
    public Uni<List<EventType>> versions(SqlClient db, String providerCode, String name) {
        return db.preparedQuery(SELECT + "WHERE s.code = $1 AND t.name = $2 ORDER BY t.created_at, t.version")
                .execute(Tuple.of(providerCode, name))
                .map(rows -> {
                    List<EventType> items = new ArrayList<>();
                    rows.forEach(row -> items.add(map(row)));
                    return items;
                });
    }

    /**
     * The version to publish or read: {@code version} when given, else the latest declared. Fails
     * with event-type-not-found.
     */
    public CompletionStage<Compiled> resolve(String provider, String name, String version) {
        return cache.get(provider + '/' + name, () -> versions(pool, provider, name)
                .map(list -> list.stream().map(t -> new Compiled(t, PayloadSchemas.compile(t.schema()))).toList()))
                .thenApply(list -> {
                    Compiled found = null;
                    for (Compiled c : list) {
                        if (version == null ? found == null || later(c, found) : c.type().version().equals(version)) {
                            found = c;
                        }
                    }
                    if (found == null) {
                        throw ProblemException.field(ErrorCode.EVENT_TYPE_NOT_FOUND, version == null ? "eventType" : "version",
                                "the provider declares no such event type" + (version == null ? "" : " version"));
                    }
                    return found;
                });
    }

    private static boolean later(Compiled candidate, Compiled current) {
        return Comparator.comparing((Compiled c) -> c.type().createdAt()).compare(candidate, current) >= 0;
    }

    private EventType map(Row row) {
        JsonNode schema;
        try {
            schema = mapper.readTree(row.getString("schema"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema is not JSON", e);
        }
        return new EventType(row.getString("provider_code"), row.getString("name"), row.getString("version"),
                row.getString("description"), schema, DataClassification.fromWire(row.getString("data_classification")),
                row.getString("topic"), row.getOffsetDateTime("created_at"));
    }

}
