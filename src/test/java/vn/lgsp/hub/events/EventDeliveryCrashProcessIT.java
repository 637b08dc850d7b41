package vn.lgsp.hub.events;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessTestBed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged hubs share one subscription's delivery through its Kafka consumer group; one is
 * killed (SIGKILL) in the middle of pushing. The survivor takes its partitions over and the
 * subscriber gets every event, each key's events in order (duplicates allowed: at least once).
 */
class EventDeliveryCrashProcessIT {

    private static ProcessTestBed bed;
    private static final AtomicBoolean open = new AtomicBoolean();
    private static final List<String> accepted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void infrastructure() throws Exception {
        bed = ProcessTestBed.start("events-crash", Map.of(
                "lgsp.events.partitions", "4",
                "lgsp.events.initial-backoff", "100ms",
                "lgsp.events.max-backoff", "500ms",
                "lgsp.events.commit-interval", "200ms",
                "kafka.session.timeout.ms", "6000",
                "kafka.heartbeat.interval.ms", "1000"));
        // A subscriber that is unavailable until every event is published, then takes 40 ms per
        // event, so the kill lands in the middle of the pushes.
        bed.stub(request -> request.body().onSuccess(body -> {
            if (!open.get()) {
                request.response().setStatusCode(503).end();
                return;
            }
            bed.vertx().setTimer(40, t -> {
                String id = request.headers().get("X-LGSP-Event-Id");
                if (id != null) {
                    accepted.add(id);
                }
                request.response().setStatusCode(204).end();
            });
        }));
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        bed.close();
    }

    @Test
    void aHubKilledWhilePushingLosesNoEventAndKeepsEachKeysOrder() throws Exception {
        HubProcess hubA = bed.startHub("events-a");
        bed.startHub("events-b");
        RestAssured.port = hubA.port();
        String provider = Api.activeSystem(Api.uniqueCode("crash-provider"));
        EventsFixture.declare(provider, "ho-tich");
        String[] sub = EventsFixture.pushSubscriber("crash-consumer", provider, "ho-tich", bed.stubUri("/hooks"), null);

        int keys = 8;
        int perKey = 40;
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                Api.given().contentType(ContentType.JSON).header(EventsFixture.CALLER, provider)
                        .body(EventsFixture.event("k" + k + "-" + i, "k" + k, i))
                        .post("/api/v1/events/ho-tich").then().statusCode(201);
            }
        }
        open.set(true);
        // Both instances push (their group shares the partitions); kill one in the middle.
        await().atMost(Duration.ofSeconds(60)).until(() -> distinct().size() >= 40);
        assertTrue(distinct().size() < keys * perKey, "the kill must land while events are still being pushed");
        hubA.kill();
        int atKill = distinct().size();

        await().atMost(Duration.ofSeconds(120)).until(() -> distinct().size() == keys * perKey);
        assertTrue(atKill < keys * perKey);
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (String id : firstSeen()) {
            String[] parts = id.split("-");
            byKey.computeIfAbsent(parts[0], x -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        assertEquals(keys, byKey.size());
        byKey.forEach((k, sequence) -> assertEquals(sequence.stream().sorted().toList(), sequence, "order of key " + k));
        // Every event is recorded as delivered, and every push is a ledger transaction.
        await().atMost(Duration.ofSeconds(30)).until(() -> bed.scalar("SELECT count(*) FROM event_delivery WHERE subscription_id = ?::uuid "
                + "AND status = 'delivered'", sub[1]) == keys * perKey);
        assertTrue(bed.scalar("SELECT count(*) FROM ledger_entry WHERE consumer_code = ? AND connector_type = 'push' AND success", sub[0])
                >= keys * perKey);
        assertTrue(bed.scalar("SELECT count(DISTINCT hub_instance) FROM ledger_entry WHERE consumer_code = ? AND connector_type = 'push'",
                sub[0]) == 2, "both instances pushed");
    }

    private static Set<String> distinct() {
        return Set.copyOf(accepted);
    }

    private static List<String> firstSeen() {
        return List.copyOf(new LinkedHashSet<>(accepted));
    }

}
