package vn.lgsp.hub.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.problem.TransactionIds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The transactional outbox: an event is written in the same database transaction as the change
 * it reports, so it exists if and only if the change was committed. {@link OutboxRelay} then
 * publishes it to Kafka (at least once; consumers de-duplicate by the event id).
 */
@ApplicationScoped
public class Outbox {

    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper mapper;
    @Inject
    InstanceName instance;

    /**
     * Adds a structured CloudEvent (fresh id, this instance as source, now as time) with
     * {@code data} as its JSON payload, inside the caller's transaction, keyed by {@code subject}.
     */
    public Uni<Void> addEvent(SqlClient tx, String topic, String type, String subject, Object data) {
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", TransactionIds.mint())
                .put("source", "urn:lgsp-hub:" + instance.value())
                .put("type", type)
                .put("subject", subject)
                .put("time", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("datacontenttype", "application/json");
        event.set("data", mapper.valueToTree(data));
        try {
            return add(tx, topic, subject, mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Adds an event inside the caller's transaction. */
    public Uni<Void> add(SqlClient tx, String topic, String key, String payload) {
        return tx.preparedQuery("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3)")
                .execute(Tuple.of(topic, key, payload))
                .replaceWithVoid();
    }

    /** Call after the transaction committed: publishes now instead of at the next poll. */
    public void committed() {
        relay.wakeUp();
    }
}
