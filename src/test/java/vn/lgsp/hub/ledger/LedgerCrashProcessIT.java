package vn.lgsp.hub.ledger;

import io.restassured.RestAssured;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durability rule, tested by killing the real hub process (SIGKILL) in the middle of a load:
 * every request that got an answer must be in the ledger exactly once, and the hub must carry
 * on after a restart.
 */
class LedgerCrashProcessIT {

    private static final String CONSUMER_HEADER = "X-LGSP-Test-Consumer";

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;
    private static Vertx vertx;
    private static StubServer stub;
    private static Map<String, String> settings;
    private static Path log;

    @BeforeAll
    static void infrastructure() throws Exception {
        Path dir = Files.createTempDirectory("lgsp-crash");
        postgres = EmbeddedPostgresServer.start(null, 0);
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        vertx = Vertx.vertx();
        stub = StubServer.start(vertx, (request, response) ->
                response.putHeader("Content-Type", "application/json").end("{\"ok\":true}"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        settings = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.sharing.trusted-consumer-header", CONSUMER_HEADER,
                "lgsp.instance", "crash-test"));
        log = Path.of("target", "hub-process-crash.log");
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
    void aKilledHubLeavesEveryAnsweredRequestInTheLedgerExactlyOnce() throws Exception {
        int port = FreePort.find();
        HubProcess hub = HubProcess.start(port, settings, log);
        RestAssured.port = port;
        String provider = Api.activeSystem(Api.uniqueCode("crash-provider"));
        String consumer = Api.activeSystem(Api.uniqueCode("crash-consumer"));
        Api.addEndpoint(provider, Api.httpEndpoint("main", stub.uri("/api").toString()));
        Api.publish(provider, Api.restService("records", "main"));
        Api.grant(consumer, provider, "records");
        URI target = URI.create("http://127.0.0.1:" + port + "/share/" + provider + "/records/records/1");

        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService load = Executors.newFixedThreadPool(12);
        for (int t = 0; t < 12; t++) {
            load.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(target).header(CONSUMER_HEADER, consumer)
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            answered.add(r.headers().firstValue("X-Transaction-Id").orElseThrow());
                        }
                    } catch (Exception expectedOnceKilled) {
                        // the hub is gone: nothing was answered
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 500);
        hub.kill();
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        Set<String> recorded = ConcurrentHashMap.newKeySet();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             PreparedStatement query = db.prepareStatement("SELECT transaction_id, count(*) OVER (PARTITION BY transaction_id) AS copies "
                     + "FROM ledger_entry WHERE consumer_code = ?")) {
            query.setString(1, consumer);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    assertEquals(1, rs.getInt("copies"), "no transaction recorded twice");
                    recorded.add(rs.getString("transaction_id"));
                }
            }
        }
        Set<String> missing = new java.util.HashSet<>(answered);
        missing.removeAll(recorded);
        assertTrue(missing.isEmpty(), missing.size() + " answered requests are missing from the ledger, e.g. " + missing.stream().limit(3).toList());
        assertTrue(recorded.size() >= answered.size());

        // The hub comes back on the same database and goes on counting.
        HubProcess again = HubProcess.start(port, settings, log);
        try {
            HttpResponse<Void> after = client.send(HttpRequest.newBuilder(target).header(CONSUMER_HEADER, consumer).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, after.statusCode());
            String tx = after.headers().firstValue("X-Transaction-Id").orElseThrow();
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                 PreparedStatement query = db.prepareStatement("SELECT count(*) FROM ledger_entry WHERE transaction_id = ?")) {
                query.setString(1, tx);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
            // Events left in the outbox by the killed instance are published by the new one.
            await().atMost(Duration.ofSeconds(60)).until(() -> outboxSize() == 0);
        } finally {
            again.close();
        }
    }

    private static long outboxSize() throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
