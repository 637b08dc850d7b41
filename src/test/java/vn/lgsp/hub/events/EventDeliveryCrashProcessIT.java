package vn.lgsp.hub.events;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.embedded.EmbeddedPostgresServer;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.stub.StubServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged hubs share one subscription's delivery through its Kafka consumer group; one is
 * killed (SIGKILL) in the middle of pushing. The survivor takes its partitions over and the
 * subscriber gets every event, each key's events in order (duplicates allowed: at least once).
 */
class EventDeliveryCrashProcessIT {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;
    private static Vertx vertx;
    private static StubServer stub;
    private static Map<String, String> settings;
    private static Path log;
    private static final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();
    private static final List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void infrastructure() throws Exception {
        Path dir = Files.createTempDirectory("lgsp-events-crash");
        postgres = EmbeddedPostgresServer.start(null, 0);
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        vertx = Vertx.vertx();
        // A subscriber that is unavailable until every event is published, then takes 40 ms per
        // event, so the kill lands in the middle of the pushes.
        stub = StubServer.start(vertx, (request, response) -> {
            if (!open.get()) {
                response.setStatusCode(503).end();
                return;
            }
            vertx.setTimer(40, t -> {
                String id = request.headers().get("X-LGSP-Event-Id");
                if (id != null) {
                    accepted.add(id);
                }
                response.setStatusCode(204).end();
            });
        });
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        settings = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.sharing.trusted-consumer-header", EventsFixture.CALLER,
                "lgsp.events.partitions", "4",
                "lgsp.events.initial-backoff", "100ms",
                "lgsp.events.commit-interval", "200ms",
                "kafka.session.timeout.ms", "6000",
                "kafka.heartbeat.interval.ms", "1000"));
        settings.put("lgsp.events.max-backoff", "500ms");
        log = Path.of("target", "hub-process-events-crash.log");
        Files.deleteIfExists(log);
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        stub.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        kafka.close();
        postgres.close();
    }

    @Test
    void aHubKilledWhilePushingLosesNoEventAndKeepsEachKeysOrder() throws Exception {
        Map<String, String> a = new HashMap<>(settings);
        a.put("lgsp.instance", "events-a");
        Map<String, String> b = new HashMap<>(settings);
        b.put("lgsp.instance", "events-b");
        HubProcess hubA = HubProcess.start(FreePort.find(), a, log);
        HubProcess hubB = HubProcess.start(FreePort.find(), b, log);
        try {
            RestAssured.port = hubA.port();
            String provider = Api.activeSystem(Api.uniqueCode("crash-provider"));
            EventsFixture.declare(provider, "ho-tich");
            String[] sub = EventsFixture.pushSubscriber("crash-consumer", provider, "ho-tich", stub, null);

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
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM event_delivery WHERE subscription_id = ?::uuid "
                    + "AND status = 'delivered'", sub[1]) == keys * perKey);
            assertTrue(count("SELECT count(*) FROM ledger_entry WHERE consumer_code = ? AND connector_type = 'push' AND success", sub[0])
                    >= keys * perKey);
            assertTrue(count("SELECT count(DISTINCT hub_instance) FROM ledger_entry WHERE consumer_code = ? AND connector_type = 'push'",
                    sub[0]) == 2, "both instances pushed");
        } finally {
            hubA.close();
            hubB.close();
        }
    }

    private static Set<String> distinct() {
        return Set.copyOf(accepted);
    }

    private static List<String> firstSeen() {
        return List.copyOf(new LinkedHashSet<>(accepted));
    }

    private static long count(String sql, String param) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, param);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
