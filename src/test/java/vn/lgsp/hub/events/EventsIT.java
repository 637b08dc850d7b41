package vn.lgsp.hub.events;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.KafkaTopic;
import vn.lgsp.hub.testing.stub.StubServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events end to end against the real Kafka broker and PostgreSQL of the test run, with real HTTP
 * subscriber stubs on loopback.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIT {

    private static final Duration LONG = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    private Vertx vertx;
    private final List<StubServer> stubs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        for (StubServer stub : stubs) {
            stub.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private StubServer stub(java.util.function.BiConsumer<StubServer.Received, io.vertx.core.http.HttpServerResponse> responder) throws Exception {
        StubServer stub = EventsFixture.stub(vertx, responder);
        stubs.add(stub);
        return stub;
    }

    private static String provider(String name, String type) {
        String provider = Api.activeSystem(Api.uniqueCode(name));
        EventsFixture.declare(provider, type);
        return provider;
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /**
     * Pushes run the pipeline's breaker: after lgsp.sharing.breaker-failure-threshold failures in a
     * row the subscriber's endpoint is not called while the breaker is open, and each such attempt
     * is still a ledger row (circuit-open) and backs off like any unavailable subscriber.
     */
    @Test
    void aSubscriberThatKeepsFailingOpensTheBreakerOfItsEndpoint() throws Exception {
        String provider = provider("cb-prov", "ho-tich-cb");
        StubServer failing = stub((r, response) -> response.setStatusCode(503).end());
        String[] sub = EventsFixture.pushSubscriber("cb-sub", provider, "ho-tich-cb", failing, null);
        EventsFixture.publish(provider, "ho-tich-cb", "cb-0001", "089012345678", 1);

        await().atMost(LONG).until(() -> count("SELECT count(*) FROM ledger_entry WHERE consumer_code = $1 AND connector_type = 'push' "
                + "AND error_code = 'circuit-open'", sub[0]) >= 1);
        long answered = count("SELECT count(*) FROM ledger_entry WHERE consumer_code = $1 AND connector_type = 'push' AND status_code = 503 "
                + "AND error_code IS NULL", sub[0]);
        // In order: the threshold's (5) failures, then refusals; a retry that comes only once the
        // breaker's open time (1 s in tests) has passed is its half-open trial, and fails it again.
        List<io.vertx.mutiny.sqlclient.Row> attempts = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT received_at, error_code FROM ledger_entry WHERE consumer_code = $1 AND connector_type = 'push' "
                + "ORDER BY received_at").execute(Tuple.of(sub[0])).await().atMost(Duration.ofSeconds(10)).forEach(attempts::add);
        int firstRefusal = 0;
        while (!"circuit-open".equals(attempts.get(firstRefusal).getString("error_code"))) {
            firstRefusal++;
        }
        if (firstRefusal == 6) {
            Duration sinceOpened = Duration.between(attempts.get(4).getOffsetDateTime("received_at"),
                    attempts.get(5).getOffsetDateTime("received_at"));
            assertTrue(sinceOpened.compareTo(Duration.ofMillis(900)) >= 0, "a sixth failure is a half-open trial, " + sinceOpened + " after the fifth");
        } else {
            assertEquals(5, firstRefusal, "the breaker opens after exactly the threshold's failures in a row");
        }
        assertTrue(answered >= 5);
        assertEquals(answered, failing.hits(), "an attempt refused by the open breaker never reaches the subscriber");
        EventsFixture.plain(sub[0]).get("/api/v1/events/cb-0001/deliveries").then().statusCode(200)
                .body("[0].status", equalTo("retrying"));
        // Left alone it would retry for ever, adding transactions under the other tests' totals.
        EventsFixture.plain(sub[0]).delete("/api/v1/subscriptions/" + sub[1]).then().statusCode(204);
    }

    /** A push over lgsp.events.max-push-bytes (4096 in tests) is dead-lettered at once with its reason; nothing is sent. */
    @Test
    void aPushOverTheSizeLimitIsDeadLetteredWithItsReason() throws Exception {
        String provider = provider("big-prov", "ho-tich-big");
        StubServer subscriber = stub((r, response) -> response.setStatusCode(204).end());
        String[] sub = EventsFixture.pushSubscriber("big-sub", provider, "ho-tich-big", subscriber, null);
        EventsFixture.as(provider).body(Map.of("id", "big-0001", "key", "k",
                        "data", Map.of("soDinhDanh", "089012345678", "hoTen", "Nguyễn Văn ".repeat(600))))
                .post("/api/v1/events/ho-tich-big").then().statusCode(201);
        EventsFixture.publish(provider, "ho-tich-big", "small-0002", "k", 2);

        // Same key, same partition: the small event after the big one is delivered once the big one is dead-lettered.
        await().atMost(LONG).untilAsserted(() -> EventsFixture.plain(sub[0]).get("/api/v1/events/small-0002/deliveries").then()
                .statusCode(200).body("[0].status", equalTo("delivered")));
        assertEquals(1, subscriber.hits());
        EventsFixture.plain(sub[0]).get("/api/v1/subscriptions/" + sub[1] + "/dead-letters").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].eventId", equalTo("big-0001"))
                .body("[0].attempts", equalTo(1))
                .body("[0].lastStatusCode", equalTo(413))
                .body("[0].lastError", org.hamcrest.Matchers.containsString("max-push-bytes"));
        assertTrue(subscriber.received().stream().noneMatch(r -> r.body().toString().contains("big-0001")),
                "the oversized event never reached the subscriber");
        assertEquals(1, count("SELECT count(*) FROM ledger_entry WHERE consumer_code = $1 AND connector_type = 'push' "
                + "AND error_code = 'request-too-large'", sub[0]));
    }

    @Test
    void publicationIsDurableInKafkaIdempotentByIdAndALedgerTransaction() {
        String provider = provider("hotich", "khai-sinh");
        String topic = "lgsp.events." + provider + ".khai-sinh";
        try (KafkaTopic kafka = new KafkaTopic(topic)) {
            JsonPath first = EventsFixture.as(provider).body(EventsFixture.event("ks-0001", "089012345678", 1))
                    .post("/api/v1/events/khai-sinh").then().statusCode(201)
                    .body("eventId", equalTo("ks-0001")).body("topic", equalTo(topic)).body("duplicate", equalTo(false))
                    .extract().jsonPath();
            // The same id again: the original answer, nothing produced twice.
            EventsFixture.as(provider).body(EventsFixture.event("ks-0001", "089012345678", 1))
                    .post("/api/v1/events/khai-sinh").then().statusCode(200)
                    .body("duplicate", equalTo(true)).body("offset", equalTo(first.getInt("offset")))
                    .body("partition", equalTo(first.getInt("partition")));
            // The id in a header instead of the body works too.
            EventsFixture.as(provider).header("X-LGSP-Event-Id", "ks-0002")
                    .body(Map.of("key", "k2", "data", Map.of("soDinhDanh", "089012345679", "hoTen", "Lê Thị C")))
                    .post("/api/v1/events/khai-sinh").then().statusCode(201).body("eventId", equalTo("ks-0002"));
            // The same id with other data is a conflict, not a silent duplicate.
            Api.problem(EventsFixture.as(provider).body(EventsFixture.event("ks-0001", "089012345678", 2))
                    .post("/api/v1/events/khai-sinh").then(), 409, "event-id-conflict");

            List<ConsumerRecord<String, String>> records = kafka.await(r -> true, 2, LONG);
            assertEquals(2, records.size());
            kafka.await(r -> false, 0, Duration.ofMillis(500));
            assertEquals(2, kafka.seen(r -> true).size(), "a re-POST must not produce again");
            ConsumerRecord<String, String> record = kafka.seen(r -> r.value().contains("\"ks-0001\"")).get(0);
            assertEquals("089012345678", record.key());
            JsonPath envelope = JsonPath.from(record.value());
            assertEquals("khai-sinh", envelope.getString("type"));
            assertEquals("1.0", envelope.getString("dataschemaversion"));
            assertEquals("Nguyễn Văn 1", envelope.getString("data.hoTen"));
        }
        // Every publication call is a transaction (the duplicate and the conflict too); two of them produced.
        assertEquals(4, count("SELECT count(*) FROM ledger_entry WHERE provider_code = $1 AND connector_type = 'kafka-publish'", provider));
        assertEquals(2, count("SELECT count(*) FROM ledger_entry WHERE provider_code = $1 AND connector_type = 'kafka-publish' "
                + "AND status_code = 201", provider));
        // The live metric counts what the ledger counts, under the road's label.
        String metrics = Api.given().get("/q/metrics").then().statusCode(200).extract().asString();
        double published = metrics.lines().filter(l -> l.startsWith("lgsp_transactions_total{") && l.contains("provider=\"" + provider + "\"")
                        && l.contains("road=\"publish\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertEquals(4.0, published, metrics);
    }

    @Test
    void invalidPayloadsAreRejectedNamingTheField() {
        String provider = provider("dkkd", "doanh-nghiep-moi");
        Api.problem(EventsFixture.as(provider).body(Map.of("id", "e1", "data", Map.of("soDinhDanh", "089012345678")))
                        .post("/api/v1/events/doanh-nghiep-moi").then(), 400, "schema-violation")
                .body("field", equalTo("data.hoTen"));
        Api.problem(EventsFixture.as(provider).body(Map.of("id", "e2", "data",
                        Map.of("soDinhDanh", "12", "hoTen", "A", "namSinh", "một chín chín không")))
                        .post("/api/v1/events/doanh-nghiep-moi").then(), 400, "schema-violation")
                .body("errors.field", hasItem("data.namSinh")).body("errors.field", hasItem("data.soDinhDanh"));
        Api.problem(EventsFixture.as(provider).body(Map.of("data", Map.of("soDinhDanh", "089012345678", "hoTen", "A")))
                .post("/api/v1/events/doanh-nghiep-moi").then(), 400, "invalid-field").body("field", equalTo("id"));
        Api.problem(EventsFixture.as(provider).body(EventsFixture.event("e3", "k", 1))
                .post("/api/v1/events/khong-co").then(), 404, "event-type-not-found");
        Api.problem(Api.anonymous().contentType("application/json").body(EventsFixture.event("e4", "k", 1))
                .post("/api/v1/events/doanh-nghiep-moi").then(), 401, "unauthenticated");
        // A schema that refers outside itself is refused at declaration.
        Api.problem(Api.json().body(Map.of("name", "x", "version", "1", "dataClassification", "public",
                        "schema", Map.of("$ref", "http://169.254.169.254/latest")))
                .post("/api/v1/systems/" + provider + "/event-types").then(), 400, "invalid-field")
                .body("field", equalTo("schema.$ref"));
        assertEquals(0, count("SELECT count(*) FROM event_publication WHERE provider_code = $1", provider));
    }

    @Test
    void fanOutToPushSubscribersSignedAndToAPullSubscriberWithACursor() throws Exception {
        String provider = provider("dat-dai", "thua-dat-thay-doi");
        StubServer a = stub((r, response) -> response.setStatusCode(204).end());
        StubServer b = stub((r, response) -> response.setStatusCode(200).end("ok"));
        String[] subA = EventsFixture.pushSubscriber("sub-a", provider, "thua-dat-thay-doi", a, null);
        String[] subB = EventsFixture.pushSubscriber("sub-b", provider, "thua-dat-thay-doi", b, null);
        String puller = Api.activeSystem(Api.uniqueCode("sub-pull"));
        // No grant, no subscription.
        Api.problem(EventsFixture.as(puller).body(Map.of("providerSystem", provider, "eventType", "thua-dat-thay-doi", "mode", "pull"))
                .post("/api/v1/subscriptions").then(), 403, "access-denied");
        Api.grant(puller, provider, "thua-dat-thay-doi");
        String pullId = EventsFixture.as(puller).body(Map.of("providerSystem", provider, "eventType", "thua-dat-thay-doi", "mode", "pull"))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");

        for (int i = 0; i < 10; i++) {
            EventsFixture.publish(provider, "thua-dat-thay-doi", "td-" + i, "parcel-" + (i % 3), i);
        }
        await().atMost(LONG).until(() -> ids(a).size() == 10 && ids(b).size() == 10);
        for (StubServer.Received r : a.received()) {
            assertEquals("/hooks/lgsp", r.uri());
            assertTrue(EventsFixture.signatureValid(r, subA[2]), "push to A is signed with A's secret");
            assertFalse(EventsFixture.signatureValid(r, subB[2]), "and not with B's");
            assertEquals(subA[1], r.headers().get("X-LGSP-Subscription-Id"));
        }
        assertTrue(b.received().stream().allMatch(r -> {
            try {
                return EventsFixture.signatureValid(r, subB[2]);
            } catch (Exception e) {
                return false;
            }
        }));

        // Pull: everything since the subscription, then nothing new, then a long poll that an event ends.
        JsonPath page = EventsFixture.plain(puller).get("/api/v1/subscriptions/" + pullId + "/events?limit=6").then().statusCode(200)
                .extract().jsonPath();
        List<String> pulled = new ArrayList<>(page.getList("events.id"));
        assertEquals(6, pulled.size());
        page = EventsFixture.plain(puller).queryParam("cursor", page.getString("cursor"))
                .get("/api/v1/subscriptions/" + pullId + "/events").then().statusCode(200).extract().jsonPath();
        pulled.addAll(page.getList("events.id"));
        assertEquals(Set.of("td-0", "td-1", "td-2", "td-3", "td-4", "td-5", "td-6", "td-7", "td-8", "td-9"), Set.copyOf(pulled));
        String cursor = page.getString("cursor");
        EventsFixture.plain(puller).queryParam("cursor", cursor).queryParam("wait", "1s")
                .get("/api/v1/subscriptions/" + pullId + "/events").then().statusCode(200).body("events.size()", equalTo(0));
        vertx.setTimer(700, t -> EventsFixture.publish(provider, "thua-dat-thay-doi", "td-late", "parcel-0", 99));
        long started = System.nanoTime();
        EventsFixture.plain(puller).queryParam("cursor", cursor).queryParam("wait", "20s")
                .get("/api/v1/subscriptions/" + pullId + "/events").then().statusCode(200)
                .body("events.id", equalTo(List.of("td-late"))).body("events[0].event.data.seq", equalTo(99));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(), "the long poll ends when the event arrives");
        // Only the subscriber reads its subscription.
        Api.problem(EventsFixture.plain(subA[0]).get("/api/v1/subscriptions/" + pullId + "/events").then(), 404, "subscription-not-found");

        // Delivery status per event id: the provider sees every subscription.
        await().atMost(LONG).untilAsserted(() -> EventsFixture.plain(provider).get("/api/v1/events/td-3/deliveries").then()
                .statusCode(200).body("findAll { it.status == 'delivered' }.size()", equalTo(2))
                .body("findAll { it.status == 'pulled' }.size()", equalTo(1)));
        EventsFixture.plain(subA[0]).get("/api/v1/events/td-3/deliveries").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].consumerSystem", equalTo(subA[0]));
        assertTrue(count("SELECT count(*) FROM ledger_entry WHERE provider_code = $1 AND connector_type = 'push' AND success", provider) >= 20);
        assertTrue(count("SELECT count(*) FROM ledger_entry WHERE provider_code = $1 AND connector_type = 'pull'", provider) >= 2);
    }

    @Test
    void aSubscriberThatIsDownGetsEverythingInOrderPerKeyWhenItIsBack() throws Exception {
        String provider = provider("cu-tru", "thay-doi-cu-tru");
        AtomicBoolean down = new AtomicBoolean(true);
        StubServer stub = stub((r, response) -> {
            if (down.get()) {
                response.setStatusCode(503).end("maintenance");
            } else {
                response.setStatusCode(200).end();
            }
        });
        String[] sub = EventsFixture.pushSubscriber("sub-down", provider, "thay-doi-cu-tru", stub, 2);
        int perKey = 15;
        for (int i = 0; i < perKey; i++) {
            for (String key : List.of("k-a", "k-b", "k-c", "k-d")) {
                EventsFixture.publish(provider, "thay-doi-cu-tru", key + "-" + i, key, i);
            }
        }
        // Down: it keeps being tried, and nothing goes to the dead-letter store (503 is "unavailable").
        await().atMost(LONG).until(() -> stub.hits() >= 10);
        down.set(false);
        await().atMost(LONG).until(() -> ids(stub).size() == 4 * perKey);
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (String id : firstSeen(stub)) {
            String key = id.substring(0, 3);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(Integer.parseInt(id.substring(4)));
        }
        for (List<Integer> sequence : byKey.values()) {
            assertEquals(sequence.stream().sorted().toList(), sequence, "events of one key arrive in order");
        }
        assertEquals(0, count("SELECT count(*) FROM event_dead_letter WHERE subscription_id = $1", java.util.UUID.fromString(sub[1])));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterStoreAndCanBeReplayed() throws Exception {
        String provider = provider("tu-phap", "ly-hon");
        AtomicBoolean fixed = new AtomicBoolean(false);
        StubServer stub = stub((r, response) -> {
            boolean poison = r.body().toString().contains("\"seq\":13");
            response.setStatusCode(poison && !fixed.get() ? 422 : 200).end();
        });
        String[] sub = EventsFixture.pushSubscriber("sub-poison", provider, "ly-hon", stub, null);
        for (int i = 10; i < 16; i++) {
            EventsFixture.publish(provider, "ly-hon", "lh-" + i, "same-key", i);
        }
        // The poison is tried max-attempts (3 in tests) times, then set aside; the events after it still arrive.
        await().atMost(LONG).until(() -> delivered(stub).containsAll(List.of("lh-10", "lh-11", "lh-12", "lh-14", "lh-15")));
        await().atMost(LONG).untilAsserted(() -> EventsFixture.plain(sub[0]).get("/api/v1/subscriptions/" + sub[1] + "/dead-letters")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].eventId", equalTo("lh-13"))
                .body("[0].attempts", equalTo(3)).body("[0].lastStatusCode", equalTo(422)).body("[0].event.data.seq", equalTo(13)));
        assertEquals(3, stub.received().stream().filter(r -> "lh-13".equals(r.headers().get("X-LGSP-Event-Id"))).count());
        EventsFixture.plain(provider).get("/api/v1/events/lh-13/deliveries").then().statusCode(200)
                .body("[0].status", equalTo("dead_lettered")).body("[0].attempts", equalTo(3));
        String letter = EventsFixture.plain(sub[0]).get("/api/v1/subscriptions/" + sub[1] + "/dead-letters").then().extract().path("[0].id");

        // Replay while still refused: 502, kept; once the subscriber is fixed: accepted.
        Api.problem(EventsFixture.as(sub[0]).post("/api/v1/subscriptions/" + sub[1] + "/dead-letters/" + letter + "/replay").then(),
                502, "replay-failed");
        EventsFixture.plain(provider).get("/api/v1/events/lh-13/deliveries").then()
                .body("[0].status", equalTo("dead_lettered")).body("[0].attempts", equalTo(4)).body("[0].lastStatusCode", equalTo(422));
        fixed.set(true);
        EventsFixture.as(sub[0]).post("/api/v1/subscriptions/" + sub[1] + "/dead-letters/" + letter + "/replay").then()
                .statusCode(200).body("replayCount", equalTo(2)).body("replayedAt", org.hamcrest.Matchers.notNullValue());
        assertTrue(delivered(stub).contains("lh-13"));
        EventsFixture.plain(sub[0]).get("/api/v1/subscriptions/" + sub[1] + "/dead-letters").then().body("size()", equalTo(0));
        EventsFixture.plain(provider).get("/api/v1/events/lh-13/deliveries").then().body("[0].status", equalTo("replayed"))
                .body("[0].attempts", equalTo(5));
        // Another system cannot see or replay this subscription's dead letters.
        Api.problem(EventsFixture.as(provider).post("/api/v1/subscriptions/" + sub[1] + "/dead-letters/" + letter + "/replay").then(),
                404, "subscription-not-found");
    }

    private static Set<String> ids(StubServer stub) {
        return stub.received().stream().filter(r -> r.headers().get("X-LGSP-Event-Id") != null)
                .map(r -> r.headers().get("X-LGSP-Event-Id")).collect(Collectors.toSet());
    }

    /** Events the stub accepted (those it answered 2xx can't be told apart here: it accepts all but the poison). */
    private static Set<String> delivered(StubServer stub) {
        return stub.received().stream().filter(r -> !r.body().toString().contains("\"seq\":13") || r.headers().get("X-LGSP-Event-Id") != null)
                .map(r -> r.headers().get("X-LGSP-Event-Id")).collect(Collectors.toSet());
    }

    private static List<String> firstSeen(StubServer stub) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        stub.received().forEach(r -> {
            if (r.headers().get("X-LGSP-Event-Id") != null) {
                seen.add(r.headers().get("X-LGSP-Event-Id"));
            }
        });
        return List.copyOf(seen);
    }
}
