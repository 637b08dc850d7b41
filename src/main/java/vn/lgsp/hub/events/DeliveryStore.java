package vn.lgsp.hub.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Delivery status per (subscription, event) and the dead-letter store. */
@ApplicationScoped
public class DeliveryStore {

    @Inject
    Pool pool;

    /** Records one attempt's outcome; the attempt counter grows with every call. */
    public Uni<Void> attempt(Subscription sub, String eventId, String status, Integer statusCode, String error) {
        return pool.preparedQuery("INSERT INTO event_delivery (subscription_id, provider_code, event_id, consumer_code, event_type, mode, "
                        + "status, attempts, last_status_code, last_error, first_attempt_at, last_attempt_at, delivered_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, now(), now(), CASE WHEN $7 IN ('delivered', 'pulled', 'replayed') THEN now() END) "
                        + "ON CONFLICT (subscription_id, provider_code, event_id) DO UPDATE SET status = EXCLUDED.status, "
                        + "attempts = event_delivery.attempts + 1, last_status_code = EXCLUDED.last_status_code, "
                        + "last_error = EXCLUDED.last_error, last_attempt_at = now(), "
                        + "delivered_at = coalesce(EXCLUDED.delivered_at, event_delivery.delivered_at)")
                .execute(Tuple.tuple().addValue(sub.id()).addValue(sub.providerSystem()).addValue(eventId).addValue(sub.consumerSystem())
                        .addValue(sub.eventType()).addValue(sub.mode().wire()).addValue(status).addValue(statusCode).addValue(truncate(error)))
                .replaceWithVoid();
    }

    /** Marks many events as read by a pull (one statement). */
    public Uni<Void> pulled(Subscription sub, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("INSERT INTO event_delivery (subscription_id, provider_code, event_id, consumer_code, event_type, mode, "
                        + "status, attempts, first_attempt_at, last_attempt_at, delivered_at) "
                        + "SELECT $1, $2, e, $3, $4, 'pull', 'pulled', 1, now(), now(), now() FROM unnest($5::text[]) AS t(e) "
                        + "ON CONFLICT (subscription_id, provider_code, event_id) DO UPDATE SET attempts = event_delivery.attempts + 1, "
                        + "last_attempt_at = now()")
                .execute(Tuple.of(sub.id(), sub.providerSystem(), sub.consumerSystem(), sub.eventType(), eventIds.toArray(new String[0])))
                .replaceWithVoid();
    }

    public Uni<Void> deadLetter(Subscription sub, PushDelivery.Item item, int attempts, Integer statusCode, String error) {
        return pool.preparedQuery("INSERT INTO event_dead_letter (id, subscription_id, provider_code, event_id, event_type, event_key, topic, "
                        + "kafka_partition, kafka_offset, payload, attempts, last_status_code, last_error, dead_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())")
                .execute(Tuple.tuple().addValue(UUID.randomUUID()).addValue(sub.id()).addValue(sub.providerSystem()).addValue(item.eventId())
                        .addValue(sub.eventType()).addValue(item.key()).addValue(item.topic()).addValue(item.partition())
                        .addValue(item.offset()).addValue(item.payload()).addValue(attempts).addValue(statusCode).addValue(truncate(error)))
                .replaceWithVoid();
    }

    public Uni<List<DeadLetter>> deadLetters(SqlClient db, UUID subscriptionId, boolean includeReplayed) {
        return db.preparedQuery("SELECT * FROM event_dead_letter WHERE subscription_id = $1"
                        + (includeReplayed ? "" : " AND replayed_at IS NULL") + " ORDER BY dead_at, kafka_partition, kafka_offset LIMIT 1000")
                .execute(Tuple.of(subscriptionId))
                .map(rows -> {
                    List<DeadLetter> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(deadLetter(row)));
                    return items;
                });
    }

    public Uni<DeadLetter> deadLetter(SqlClient db, UUID subscriptionId, UUID id) {
        return db.preparedQuery("SELECT * FROM event_dead_letter WHERE subscription_id = $1 AND id = $2").execute(Tuple.of(subscriptionId, id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.field(ErrorCode.DEAD_LETTER_NOT_FOUND, "deadLetterId", "the subscription has no such dead-lettered event");
                    }
                    return deadLetter(rows.iterator().next());
                });
    }

    public Uni<DeadLetter> replayed(UUID id) {
        return pool.preparedQuery("UPDATE event_dead_letter SET replayed_at = now(), replay_count = replay_count + 1 WHERE id = $1 RETURNING *")
                .execute(Tuple.of(id)).map(rows -> deadLetter(rows.iterator().next()));
    }

    public Uni<Void> replayFailed(UUID id, Integer statusCode, String error) {
        return pool.preparedQuery("UPDATE event_dead_letter SET replay_count = replay_count + 1, last_status_code = $2, last_error = $3 WHERE id = $1")
                .execute(Tuple.of(id, statusCode, truncate(error))).replaceWithVoid();
    }

    /**
     * Deliveries of an event id that the caller may see: all of them for the event's provider, its
     * own for a subscriber.
     */
    public Uni<List<Delivery>> ofEvent(SqlClient db, String eventId, String caller) {
        return db.preparedQuery("SELECT * FROM event_delivery WHERE event_id = $1 AND (provider_code = $2 OR consumer_code = $2) "
                        + "ORDER BY first_attempt_at, subscription_id LIMIT 1000")
                .execute(Tuple.of(eventId, caller))
                .map(rows -> {
                    List<Delivery> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(new Delivery(row.getUUID("subscription_id"), row.getString("provider_code"),
                            row.getString("event_id"), row.getString("consumer_code"), row.getString("event_type"), row.getString("mode"),
                            row.getString("status"), row.getInteger("attempts"), row.getInteger("last_status_code"),
                            row.getString("last_error"), row.getOffsetDateTime("first_attempt_at"), row.getOffsetDateTime("last_attempt_at"),
                            row.getOffsetDateTime("delivered_at"))));
                    return items;
                });
    }

    private static DeadLetter deadLetter(Row row) {
        return new DeadLetter(row.getUUID("id"), row.getUUID("subscription_id"), row.getString("provider_code"), row.getString("event_id"),
                row.getString("event_type"), row.getString("event_key"), row.getString("topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getString("payload"), row.getInteger("attempts"), row.getInteger("last_status_code"),
                row.getString("last_error"), row.getOffsetDateTime("dead_at"), row.getOffsetDateTime("replayed_at"),
                row.getInteger("replay_count"));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
