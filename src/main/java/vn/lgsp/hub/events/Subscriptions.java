package vn.lgsp.hub.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Stores subscriptions. */
@ApplicationScoped
public class Subscriptions {

    private static final String SELECT = "SELECT sub.id, c.code AS consumer_code, p.code AS provider_code, sub.event_type, sub.mode, "
            + "sub.endpoint_code, sub.push_path, sub.max_attempts, sub.status, sub.created_at, sub.secret_ciphertext, sub.start_offsets, "
            + "(SELECT t.topic FROM event_type t WHERE t.system_id = sub.provider_system_id AND t.name = sub.event_type LIMIT 1) AS topic "
            + "FROM event_subscription sub JOIN information_system c ON c.id = sub.consumer_system_id "
            + "JOIN information_system p ON p.id = sub.provider_system_id ";

    public Uni<Void> insert(SqlClient tx, UUID id, UUID consumerId, UUID providerId, SubscriptionInput in, byte[] secret,
                            String startOffsets) {
        return tx.preparedQuery("INSERT INTO event_subscription (id, consumer_system_id, provider_system_id, event_type, mode, "
                        + "endpoint_code, push_path, secret_ciphertext, max_attempts, start_offsets, status, created_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', now())")
                .execute(Tuple.tuple().addValue(id).addValue(consumerId).addValue(providerId).addValue(in.eventType())
                        .addValue(in.mode().wire()).addValue(in.endpointCode()).addValue(in.mode() == SubscriptionMode.PUSH
                                ? (in.path() == null ? "/" : in.path()) : null)
                        .addValue(secret == null ? null : io.vertx.core.buffer.Buffer.buffer(secret))
                        .addValue(in.maxAttempts()).addValue(startOffsets))
                .replaceWithVoid();
    }

    /** An active subscription, or null. */
    public Uni<Subscription> find(SqlClient db, UUID id) {
        return db.preparedQuery(SELECT + "WHERE sub.id = $1 AND sub.status = 'active'").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** The caller's active subscription; 404 when it is not theirs, so ids of others are not revealed. */
    public Uni<Subscription> owned(SqlClient db, UUID id, String consumer) {
        return find(db, id).map(sub -> {
            if (sub == null || !sub.consumerSystem().equals(consumer)) {
                throw ProblemException.field(ErrorCode.SUBSCRIPTION_NOT_FOUND, "id", "the calling system has no subscription with this id");
            }
            return sub;
        });
    }

    public Uni<List<Subscription>> ofConsumer(SqlClient db, String consumer) {
        return db.preparedQuery(SELECT + "WHERE c.code = $1 AND sub.status = 'active' ORDER BY sub.created_at").execute(Tuple.of(consumer))
                .map(Subscriptions::all);
    }

    /** Every active push subscription: what the delivery workers serve. */
    public Uni<List<Subscription>> activePush(SqlClient db) {
        return db.query(SELECT + "WHERE sub.status = 'active' AND sub.mode = 'push'").execute().map(Subscriptions::all);
    }

    public Uni<Boolean> delete(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE event_subscription SET status = 'deleted', deleted_at = now() WHERE id = $1 AND status = 'active'")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    private static List<Subscription> all(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Subscription> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(map(row)));
        return items;
    }

    private static Subscription map(Row row) {
        io.vertx.mutiny.core.buffer.Buffer secret = row.getBuffer("secret_ciphertext");
        return new Subscription(row.getUUID("id"), row.getString("consumer_code"), row.getString("provider_code"),
                row.getString("event_type"), SubscriptionMode.fromWire(row.getString("mode")), row.getString("endpoint_code"),
                row.getString("push_path"), row.getInteger("max_attempts"), row.getString("status"), row.getOffsetDateTime("created_at"),
                null, secret == null ? null : secret.getBytes(), row.getString("start_offsets"), row.getString("topic"));
    }
}
