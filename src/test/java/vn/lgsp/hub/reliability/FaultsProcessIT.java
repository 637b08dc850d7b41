package vn.lgsp.hub.reliability;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.KafkaRecords;
import vn.lgsp.hub.testing.ProcessTestBed;
import vn.lgsp.hub.testing.SteadyLoad;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults done for real to a running hub process under steady load: PostgreSQL stopped and
 * restarted, the Kafka broker stopped and restarted, the hub stopped gracefully with calls in
 * flight. After each, nothing answered is missing from the ledger and the hub recovers alone.
 */
class FaultsProcessIT {

    private ProcessTestBed bed;
    private HubProcess hub;
    private final AtomicInteger slowCallsHeld = new AtomicInteger();
    /** Transaction ids the provider saw: the ledger must hold a request record for each. */
    private final Set<String> forwarded = ConcurrentHashMap.newKeySet();
    private URI target;
    private URI slowTarget;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws Exception {
        bed = ProcessTestBed.start("faults", Map.of("lgsp.outbox.retry-backoff", "1s"));
        Buffer body = Buffer.buffer("{\"ok\":true}");
        bed.stub(request -> {
            forwarded.add(request.getHeader("X-Transaction-Id"));
            if (request.path().contains("slow")) {
                slowCallsHeld.incrementAndGet();
                bed.vertx().setTimer(1_500, t -> request.response().end(body));
            } else {
                request.response().putHeader("Content-Type", "application/json").end(body);
            }
        });
        hub = bed.startHub("faults");
        bed.share("records");
        target = bed.shareUri(hub.port(), "records", "/records/1");
        slowTarget = bed.shareUri(hub.port(), "records", "/slow/1");
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    /** Lines of the hub's log that contain {@code text}. */
    private static long logLines(String text) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("target", "hub-process-faults.log"))) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** The status of the hub's readiness check. */
    private static int readiness(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Steady load from 8 threads. */
    private SteadyLoad load() {
        return new SteadyLoad(8, target, bed.consumer(), 0);
    }

    @Test
    void postgresDownMeansCleanRefusalsAndTheHubRecoversWithoutRestart() throws Exception {
        SteadyLoad load = load();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered().size() >= 200);
        bed.stopPostgres();
        int okBefore = load.count(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> load.count(503) >= 50);
        bed.startPostgres();
        int okAtRestart = load.count(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> load.count(200) >= okAtRestart + 200);
        load.close();
        System.out.println("PostgreSQL stopped: answers by status " + load.statuses() + ", calls the provider saw " + forwarded.size());

        assertEquals(0, load.count(500), "no internal errors: " + load.statuses());
        assertEquals(0, load.count(-1), "no hung or dropped connections: " + load.statuses());
        assertTrue(okAtRestart - okBefore < 50, "almost nothing answered while the database was down: " + load.statuses());
        bed.assertRecordedOnce(load.answered());
        bed.assertNothingForwardedUnrecorded(forwarded);
        bed.assertLoggedOnce(load.answered());
    }

    @Test
    void aFrozenDatabaseMeansRefusalsWithinTheCommitDeadlineAndNothingUnrecordedReachesTheProvider() throws Exception {
        SteadyLoad load = load();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered().size() >= 200);
        long deadlinesBefore = logLines("records not committed within");
        bed.freezePostgres();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.count(503) >= 16);
        int forwardedFrozen = forwarded.size();
        int refusedFrozen = load.count(503);
        // The first refusals come from the commit deadline; later ones up front, while the probe waits.
        await().atMost(Duration.ofSeconds(60)).until(() -> load.count(503) >= refusedFrozen + 100
                && logLines("records not committed within") > deadlinesBefore);
        assertEquals(503, readiness(hub.port()), "readiness is down while the database is frozen");
        assertEquals(forwardedFrozen, forwarded.size(), "nothing reached the provider while the database was frozen");
        bed.thawPostgres();
        int okAtThaw = load.count(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> load.count(200) >= okAtThaw + 200);
        load.close();
        System.out.println("PostgreSQL frozen: answers by status " + load.statuses() + ", calls the provider saw " + forwarded.size());

        assertEquals(0, load.count(500), "no internal errors: " + load.statuses());
        assertEquals(0, load.count(-1), "every call answered within the client's 10 s, none left hanging: " + load.statuses());
        bed.assertRecordedOnce(load.answered());
        bed.assertNothingForwardedUnrecorded(forwarded);
        bed.assertLoggedOnce(load.answered());
    }

    @Test
    void kafkaDownLosesNoEventAndDeliversThemAfter() throws Exception {
        SteadyLoad load = load();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered().size() >= 200);
        bed.stopKafka();
        int before = load.answered().size();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered().size() >= before + 300);
        bed.startKafka();
        int afterRestart = load.answered().size();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.answered().size() >= afterRestart + 100);
        load.close();

        assertEquals(0, load.count(500), "the sharing API does not depend on Kafka being up: " + load.statuses());
        bed.assertRecordedOnce(load.answered());
        await().atMost(Duration.ofSeconds(90)).until(() -> bed.scalar("SELECT count(*) FROM outbox WHERE topic = 'lgsp.transactions'") == 0);
        Set<String> published = KafkaRecords.transactionIds(bed.kafkaBootstrap(), "lgsp.transactions", Duration.ofSeconds(60),
                load.answered().size());
        Set<String> missing = new HashSet<>(load.answered());
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
                    slowStatuses.add(client.send(HttpRequest.newBuilder(slowTarget).header(ProcessTestBed.CONSUMER_HEADER, bed.consumer())
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
}
