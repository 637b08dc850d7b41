package vn.lgsp.hub.reliability;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.KafkaRecords;
import vn.lgsp.hub.testing.ProcessTestBed;
import vn.lgsp.hub.testing.RoundRobinBalancer;
import vn.lgsp.hub.testing.SteadyLoad;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two (then three) hub processes on one machine behind a round-robin balancer, sharing one
 * PostgreSQL and one Kafka: counts stay exact, a revoked grant stops on every instance within
 * a second, and instances leave and join under load without losing an answered call.
 */
class MultiInstanceProcessIT {

    private static ProcessTestBed bed;
    private static RoundRobinBalancer balancer;
    private static String consumer;
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        bed = ProcessTestBed.start("multi");
        bed.startHub("hub-a");
        bed.startHub("hub-b");
        balancer = bed.balance();
        bed.share("records");
        consumer = bed.consumer();
        RestAssured.port = balancer.port();
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    private static int call(int port, String service) {
        try {
            return client.send(HttpRequest.newBuilder(bed.shareUri(port, service, "/x"))
                    .header(ProcessTestBed.CONSUMER_HEADER, consumer).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void countsStayExactAcrossInstances() throws Exception {
        String before = "SELECT count(*) FROM ledger_entry WHERE consumer_code = ?";
        long start = bed.scalar(before, consumer);
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
        assertEquals(start + n, bed.scalar(before, consumer), "exactly one ledger row per call");
        assertEquals(2, bed.scalar("SELECT count(DISTINCT hub_instance) FROM ledger_entry WHERE consumer_code = ?", consumer),
                "both instances served");
        long rollups = bed.scalar("SELECT coalesce(sum(transactions), 0) FROM ledger_hourly WHERE consumer_code = ?", consumer);
        assertEquals(bed.scalar(before, consumer), rollups, "rollups written by two instances still equal the rows");
        await().atMost(Duration.ofSeconds(60)).until(() -> bed.scalar("SELECT count(*) FROM outbox") == 0);
        Set<String> published = KafkaRecords.transactionIds(bed.kafkaBootstrap(), "lgsp.transactions", Duration.ofSeconds(30),
                (int) bed.scalar(before, consumer));
        assertTrue(published.size() >= bed.scalar(before, consumer));
    }

    @Test
    void aRevokedGrantStopsOnEveryInstanceWithinASecond() throws Exception {
        String service = "revocable";
        String grant = bed.share(service);
        for (HubProcess hub : bed.hubs()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> call(hub.port(), service) == 200);
        }
        RestAssured.port = bed.hubs().get(0).port();
        long revokedAt = System.nanoTime();
        Api.json().body(Map.of("reason", "hết mục đích sử dụng")).post("/api/v1/grants/" + grant + "/revoke").then().statusCode(200);
        RestAssured.port = balancer.port();
        for (HubProcess hub : bed.hubs()) {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> call(hub.port(), service) == 403);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
        assertTrue(millis < 1_000, "revocation took " + millis + " ms to reach every instance");
    }

    @Test
    void instancesLeaveAndJoinUnderLoadWithoutLosingAnAnsweredCall() throws Exception {
        SteadyLoad load = new SteadyLoad(6, bed.shareUri(balancer.port(), "records", "/leave-join"), consumer, 10);
        Set<String> answered = load.answered();
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 200);
        HubProcess joining = bed.startHub("hub-c");
        balancer.add(joining.port());
        int beforeLeave = answered.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= beforeLeave + 200);
        bed.leave(bed.hubs().get(1));
        int afterLeave = answered.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= afterLeave + 200);
        load.close();

        long recorded = bed.scalar("SELECT count(*) FROM ledger_entry WHERE consumer_code = ? AND transaction_id = ANY(?)", consumer,
                answered.toArray(String[]::new));
        assertEquals(answered.size(), recorded, "every answered call is in the ledger");
        assertTrue(bed.scalar("SELECT count(*) FROM ledger_entry WHERE hub_instance = 'hub-c'") > 0, "the joining instance took traffic");
        assertTrue(load.failures() < 20, "a graceful leave costs (almost) no failed calls: " + load.statuses());
    }
}
