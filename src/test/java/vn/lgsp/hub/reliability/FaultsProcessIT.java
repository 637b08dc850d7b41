package vn.lgsp.hub.reliability;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.embedded.EmbeddedPostgresServer;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.KafkaRecords;

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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults done for real to a running hub process under steady load: PostgreSQL stopped and
 * restarted, the Kafka broker stopped and restarted, the hub stopped gracefully with calls in
 * flight. After each, nothing answered is missing from the ledger and the hub recovers alone.
 */
class FaultsProcessIT {

    private static final String CONSUMER_HEADER = "X-LGSP-Test-Consumer";

    private Path dir;
    private int postgresPort;
    private int kafkaPort;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private Vertx vertx;
    private HttpServer stub;
    private HubProcess hub;
    private final AtomicInteger slowCallsHeld = new AtomicInteger();
    private URI target;
    private URI slowTarget;
    private String consumer;
    private Map<String, String> settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("lgsp-faults");
        postgresPort = FreePort.find();
        kafkaPort = FreePort.find();
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), postgresPort);
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
        vertx = Vertx.vertx();
        Buffer body = Buffer.buffer("{\"ok\":true}");
        stub = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(request -> {
            if (request.path().contains("slow")) {
                slowCallsHeld.incrementAndGet();
                vertx.setTimer(1_500, t -> request.response().end(body));
            } else {
                request.response().putHeader("Content-Type", "application/json").end(body);
            }
        }).listen().toCompletionStage().toCompletableFuture().get();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        settings = Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.sharing.trusted-consumer-header", CONSUMER_HEADER,
                "lgsp.outbox.retry-backoff", "1s");
        int port = FreePort.find();
        hub = HubProcess.start(port, settings, Path.of("target", "hub-process-faults.log"));
        RestAssured.port = port;
        String provider = Api.activeSystem(Api.uniqueCode("faults-provider"));
        consumer = Api.activeSystem(Api.uniqueCode("faults-consumer"));
        Api.addEndpoint(provider, Api.httpEndpoint("main", "http://127.0.0.1:" + stub.actualPort() + "/api"));
        Map<String, Object> service = Api.restService("records", "main");
        service.put("pathPattern", "/**");
        Api.publish(provider, service);
        Api.grant(consumer, provider, "records");
        target = URI.create("http://127.0.0.1:" + port + "/share/" + provider + "/records/records/1");
        slowTarget = URI.create("http://127.0.0.1:" + port + "/share/" + provider + "/records/slow/1");
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        stub.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        kafka.close();
        postgres.close();
    }

    /** Steady load from 8 threads; remembers every answer by status. */
    private final class Load implements AutoCloseable {
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final ExecutorService threads = Executors.newFixedThreadPool(8);

        Load() {
            for (int t = 0; t < 8; t++) {
                threads.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(target).header(CONSUMER_HEADER, consumer)
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                            if (r.statusCode() == 200) {
                                answered.add(r.headers().firstValue("X-Transaction-Id").orElseThrow());
                            }
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                });
            }
        }

        int count(int status) {
            AtomicInteger n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void postgresDownMeansCleanRefusalsAndTheHubRecoversWithoutRestart() throws Exception {
        Load load = new Load();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered.size() >= 200);
        postgres.close();
        int okBefore = load.count(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> load.count(503) >= 50);
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), postgresPort);
        int okAtRestart = load.count(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> load.count(200) >= okAtRestart + 200);
        load.close();

        assertEquals(0, load.count(500), "no internal errors: " + load.statuses);
        assertEquals(0, load.count(-1), "no hung or dropped connections: " + load.statuses);
        assertTrue(okAtRestart - okBefore < 50, "almost nothing answered while the database was down: " + load.statuses);
        assertEveryAnsweredRecordedOnce(load.answered);
    }

    @Test
    void kafkaDownLosesNoEventAndDeliversThemAfter() throws Exception {
        Load load = new Load();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered.size() >= 200);
        kafka.close();
        int before = load.answered.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered.size() >= before + 300);
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
        int afterRestart = load.answered.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered.size() >= afterRestart + 100);
        load.close();

        assertEquals(0, load.count(500), "the sharing API does not depend on Kafka being up: " + load.statuses);
        assertEveryAnsweredRecordedOnce(load.answered);
        await().atMost(Duration.ofSeconds(90)).until(() -> outboxSize() == 0);
        Set<String> published = KafkaRecords.transactionIds(kafka.bootstrapServers(), "lgsp.transactions", Duration.ofSeconds(60),
                load.answered.size());
        Set<String> missing = new HashSet<>(load.answered);
        missing.removeAll(published);
        assertTrue(missing.isEmpty(), missing.size() + " answered transactions never reached Kafka");
    }

    @Test
    void aGracefulStopLetsCallsInFlightFinish() throws Exception {
        CopyOnWriteArrayList<Integer> slowStatuses = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(10);
        for (int i = 0; i < 10; i++) {
            callers.submit(() -> {
                try {
                    slowStatuses.add(client.send(HttpRequest.newBuilder(slowTarget).header(CONSUMER_HEADER, consumer)
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (Exception e) {
                    slowStatuses.add(-1);
                }
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slowCallsHeld.get() >= 10);
        int exit = hub.terminate();
        callers.shutdown();
        assertTrue(callers.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(10, slowStatuses.size());
        assertTrue(slowStatuses.stream().allMatch(s -> s == 200), "calls in flight at SIGTERM: " + slowStatuses);
        assertTrue(exit == 0 || exit == 143, "exit code " + exit);
    }

    private void assertEveryAnsweredRecordedOnce(Set<String> answered) throws Exception {
        Set<String> recorded = new HashSet<>();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             PreparedStatement query = db.prepareStatement("SELECT transaction_id, count(*) OVER (PARTITION BY transaction_id) "
                     + "FROM ledger_entry WHERE consumer_code = ?")) {
            query.setString(1, consumer);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    assertEquals(1, rs.getInt(2), "recorded twice: " + rs.getString(1));
                    recorded.add(rs.getString(1));
                }
            }
        }
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(recorded);
        assertTrue(missing.isEmpty(), missing.size() + " answered calls missing from the ledger");
    }

    private long outboxSize() throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE topic = 'lgsp.transactions'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
