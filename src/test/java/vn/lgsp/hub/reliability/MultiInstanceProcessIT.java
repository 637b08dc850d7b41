package vn.lgsp.hub.reliability;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.embedded.EmbeddedPostgresServer;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.KafkaRecords;
import vn.lgsp.hub.testing.RoundRobinBalancer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two (then three) hub processes on one machine behind a round-robin balancer, sharing one
 * PostgreSQL and one Kafka: counts stay exact, a revoked grant stops on every instance within
 * a second, and instances leave and join under load without losing an answered call.
 */
class MultiInstanceProcessIT {

    private static final String CONSUMER_HEADER = "X-LGSP-Test-Consumer";

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;
    private static Vertx vertx;
    private static HttpServer stub;
    private static final List<HubProcess> hubs = new ArrayList<>();
    private static RoundRobinBalancer balancer;
    private static Map<String, String> settings;
    private static String provider;
    private static String consumer;
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("lgsp-multi");
        postgres = EmbeddedPostgresServer.start(null, 0);
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        vertx = Vertx.vertx();
        Buffer body = Buffer.buffer("{\"ok\":true}");
        stub = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(r -> r.response().putHeader("Content-Type", "application/json").end(body))
                .listen().toCompletionStage().toCompletableFuture().get();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        settings = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.sharing.trusted-consumer-header", CONSUMER_HEADER));
        for (String name : new String[] {"hub-a", "hub-b"}) {
            hubs.add(startHub(name));
        }
        balancer = new RoundRobinBalancer(vertx, hubs.stream().map(HubProcess::port).toList());
        RestAssured.port = balancer.port();
        provider = Api.activeSystem(Api.uniqueCode("multi-provider"));
        consumer = Api.activeSystem(Api.uniqueCode("multi-consumer"));
        Api.addEndpoint(provider, Api.httpEndpoint("main", "http://127.0.0.1:" + stub.actualPort() + "/api"));
        Map<String, Object> service = Api.restService("records", "main");
        service.put("pathPattern", "/**");
        Api.publish(provider, service);
        Api.grant(consumer, provider, "records");
    }

    private static HubProcess startHub(String name) throws Exception {
        Map<String, String> own = new HashMap<>(settings);
        own.put("lgsp.instance", name);
        return HubProcess.start(FreePort.find(), own, Path.of("target", "hub-process-" + name + ".log"));
    }

    @AfterAll
    static void stop() throws Exception {
        balancer.close();
        for (HubProcess hub : hubs) {
            hub.close();
        }
        stub.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        kafka.close();
        postgres.close();
    }

    private static int call(int port, String service) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/share/" + provider + "/" + service + "/x"))
                    .header(CONSUMER_HEADER, consumer).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void countsStayExactAcrossInstances() throws Exception {
        String before = "SELECT count(*) FROM ledger_entry WHERE consumer_code = '" + consumer + "'";
        long start = scalar(before);
        int n = 600;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(threads.submit(() -> call(balancer.port(), "records")));
        }
        int ok = 0;
        for (Future<Integer> f : calls) {
            ok += f.get(60, TimeUnit.SECONDS) == 200 ? 1 : 0;
        }
        threads.shutdown();
        assertEquals(n, ok);
        assertEquals(start + n, scalar(before), "exactly one ledger row per call");
        assertEquals(2, scalar("SELECT count(DISTINCT hub_instance) FROM ledger_entry WHERE consumer_code = '" + consumer + "'"),
                "both instances served");
        long rollups = scalar("SELECT coalesce(sum(transactions), 0) FROM ledger_hourly WHERE consumer_code = '" + consumer + "'");
        assertEquals(scalar(before), rollups, "rollups written by two instances still equal the rows");
        await().atMost(Duration.ofSeconds(60)).until(() -> scalar("SELECT count(*) FROM outbox") == 0);
        Set<String> published = KafkaRecords.transactionIds(kafka.bootstrapServers(), "lgsp.transactions", Duration.ofSeconds(30),
                (int) scalar(before));
        assertTrue(published.size() >= scalar(before));
    }

    @Test
    void aRevokedGrantStopsOnEveryInstanceWithinASecond() throws Exception {
        String service = "revocable";
        Map<String, Object> definition = Api.restService(service, "main");
        definition.put("pathPattern", "/**");
        Api.publish(provider, definition);
        String grant = Api.grant(consumer, provider, service);
        for (HubProcess hub : hubs) {
            await().atMost(Duration.ofSeconds(5)).until(() -> call(hub.port(), service) == 200);
        }
        RestAssured.port = hubs.get(0).port();
        long revokedAt = System.nanoTime();
        Api.json().body(Map.of("reason", "hết mục đích sử dụng")).post("/api/v1/grants/" + grant + "/revoke").then().statusCode(200);
        RestAssured.port = balancer.port();
        for (HubProcess hub : hubs) {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> call(hub.port(), service) == 403);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
        assertTrue(millis < 1_000, "revocation took " + millis + " ms to reach every instance");
    }

    @Test
    void instancesLeaveAndJoinUnderLoadWithoutLosingAnAnsweredCall() throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(6);
        URI target = URI.create("http://127.0.0.1:" + balancer.port() + "/share/" + provider + "/records/leave-join");
        for (int t = 0; t < 6; t++) {
            load.submit(() -> {
                // A balancer spreads connections, not requests: open fresh connections now and
                // then, as real callers do, so a joining instance gets its share.
                HttpClient own = HttpClient.newHttpClient();
                int sent = 0;
                while (running.get()) {
                    if (++sent % 10 == 0) {
                        own = HttpClient.newHttpClient();
                    }
                    try {
                        HttpResponse<Void> r = own.send(HttpRequest.newBuilder(target).header(CONSUMER_HEADER, consumer)
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            answered.add(r.headers().firstValue("X-Transaction-Id").orElseThrow());
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 200);
        HubProcess joining = startHub("hub-c");
        hubs.add(joining);
        balancer.add(joining.port());
        int beforeLeave = answered.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= beforeLeave + 200);
        HubProcess leaving = hubs.remove(1);
        balancer.remove(leaving.port());
        leaving.terminate();
        int afterLeave = answered.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= afterLeave + 200);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        long recorded = scalar("SELECT count(*) FROM ledger_entry WHERE consumer_code = '" + consumer
                + "' AND transaction_id = ANY(ARRAY['" + String.join("','", answered) + "'])");
        assertEquals(answered.size(), recorded, "every answered call is in the ledger");
        assertTrue(scalar("SELECT count(*) FROM ledger_entry WHERE hub_instance = 'hub-c'") > 0, "the joining instance took traffic");
        assertTrue(failures.get() < 20, "a graceful leave costs (almost) no failed calls: " + failures.get());
    }

    private static long scalar(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
