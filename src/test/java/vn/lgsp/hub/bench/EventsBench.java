package vn.lgsp.hub.bench;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.embedded.EmbeddedPostgresServer;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events end to end on this machine: the packaged hub as its own process, real PostgreSQL and
 * Kafka, one push subscriber (a Vert.x HTTP server answering 204). Publishes N events from C
 * concurrent clients and reports events/s published (acknowledged: durable in Kafka and in the
 * ledger), events/s delivered end to end, and the delivery lag (subscriber received minus
 * publisher sent) at that rate. Run through bench/events/run.sh.
 */
public final class EventsBench {

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("events", 5000);
        int clients = Integer.getInteger("clients", 16);
        int partitions = Integer.getInteger("partitions", 6);
        int keys = Integer.getInteger("keys", 200);

        Path dir = Files.createTempDirectory("lgsp-events-bench");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0);
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicInteger pushes = new AtomicInteger();
        HttpServer subscriber = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String id = request.getHeader("X-LGSP-Event-Id");
            pushes.incrementAndGet();
            if (id != null) {
                receivedAt.putIfAbsent(id, System.nanoTime());
            }
            request.response().setStatusCode(204).end();
        }));
        subscriber.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();

        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> settings = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.sharing.trusted-consumer-header", "X-LGSP-Test-Consumer",
                "lgsp.events.partitions", Integer.toString(partitions),
                "quarkus.log.level", "WARN"));
        Path log = Path.of("target", "events-bench-hub.log");
        Files.createDirectories(log.getParent());
        int port = FreePort.find();
        HubProcess hub = HubProcess.start(port, settings, log);
        try {
            RestAssured.port = port;
            String provider = Api.activeSystem(Api.uniqueCode("bench-provider"));
            String consumer = Api.activeSystem(Api.uniqueCode("bench-consumer"));
            Api.json().body(Map.of("name", "ho-tich", "version", "1.0", "dataClassification", "personal", "schema", Map.of(
                    "type", "object", "required", List.of("soDinhDanh", "hoTen"),
                    "properties", Map.of("soDinhDanh", Map.of("type", "string", "pattern", "^[0-9]{12}$"),
                            "hoTen", Map.of("type", "string"), "seq", Map.of("type", "integer")))))
                    .post("/api/v1/systems/" + provider + "/event-types").then().statusCode(201);
            Api.addEndpoint(consumer, Api.httpEndpoint("events", "http://127.0.0.1:" + subscriber.actualPort() + "/hooks"));
            Api.grant(consumer, provider, "ho-tich");
            Api.json().header("X-LGSP-Test-Consumer", consumer).body(Map.of("providerSystem", provider, "eventType", "ho-tich",
                    "mode", "push", "endpointCode", "events")).post("/api/v1/subscriptions").then().statusCode(201);

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI target = URI.create("http://127.0.0.1:" + port + "/api/v1/events/ho-tich");
            // Warm-up (JIT, connections, the worker's group join), not measured.
            publish(client, target, provider, "warm", 200, clients, keys, new ConcurrentHashMap<>());
            long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (receivedAt.size() < 200 && System.nanoTime() < warmDeadline) {
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(50);
            }
            receivedAt.clear();

            long start = System.nanoTime();
            int failed = publish(client, target, provider, "ev", events, clients, keys, sentAt);
            long published = System.nanoTime();
            long deadline = published + TimeUnit.SECONDS.toNanos(300);
            while (receivedAt.size() < events - failed && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            long delivered = receivedAt.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
            List<Long> lags = new ArrayList<>();
            sentAt.forEach((id, sent) -> {
                Long got = receivedAt.get(id);
                if (got != null) {
                    lags.add(got - sent);
                }
            });
            lags.sort(Long::compare);
            System.out.printf("events: %d published by %d clients (%d failed), %d keys, %d partitions, 1 push subscriber%n",
                    events, clients, failed, keys, partitions);
            System.out.printf("published (acknowledged, acks=all + ledger): %.0f events/s%n", (events - failed) / seconds(published - start));
            System.out.printf("delivered end to end: %d of %d, %.0f events/s (first publish to last delivery)%n",
                    receivedAt.size(), events - failed, receivedAt.size() / seconds(delivered - start));
            System.out.printf("delivery lag (sent -> subscriber received): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    ms(pct(lags, 0.50)), ms(pct(lags, 0.95)), ms(pct(lags, 0.99)), ms(pct(lags, 1.0)));
            System.out.printf("pushes received: %d (duplicates: %d)%n", pushes.get() - 200, Math.max(0, pushes.get() - 200 - receivedAt.size()));
        } finally {
            hub.close();
            subscriber.close();
            vertx.close();
            kafka.close();
            postgres.close();
        }
    }

    private static int publish(HttpClient client, URI target, String provider, String prefix, int n, int clients, int keys,
                               Map<String, Long> sentAt) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    String id = prefix + "-" + i;
                    String body = "{\"id\":\"" + id + "\",\"key\":\"k" + (i % keys) + "\",\"data\":{\"soDinhDanh\":\"089012345678\","
                            + "\"hoTen\":\"Nguyễn Văn A\",\"seq\":" + i + "}}";
                    try {
                        sentAt.put(id, System.nanoTime());
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                                .header("X-LGSP-Test-Consumer", provider).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return failed.get();
    }

    private static long pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
