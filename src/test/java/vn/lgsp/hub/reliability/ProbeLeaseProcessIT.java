package vn.lgsp.hub.reliability;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessTestBed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A probe runs once per interval cluster-wide: two hub processes share one endpoint's probe
 * through its lease in PostgreSQL, and the provider's health path, which counts its hits, sees
 * one probe per interval, never two. Then the instance holding the lease is killed in the middle
 * of a probe and the other takes over once the lease runs out (timeout + lease margin).
 */
class ProbeLeaseProcessIT {

    private static final long INTERVAL_MS = 3_000;
    private static final long TIMEOUT_MS = 4_000;
    private static final long LEASE_MARGIN_MS = 3_000;
    /** Slack for gaps measured at the stub against intervals timed by PostgreSQL's clock. */
    private static final long SLACK_MS = 100;

    private static ProcessTestBed bed;
    private static String system;
    /** When each probe reached the provider's health path (System.nanoTime()). */
    private static final List<Long> hits = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean hangNext = new AtomicBoolean();
    private static final AtomicLong hungAt = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        bed = ProcessTestBed.start("probe", Map.of(
                "lgsp.connections.min-probe-interval-seconds", "3",
                "lgsp.connections.jitter", "0",
                "lgsp.connections.tick", "200ms",
                "lgsp.connections.probe-lease-margin", LEASE_MARGIN_MS + "ms"));
        bed.stub(request -> {
            if (!request.path().endsWith("/health")) {
                request.response().setStatusCode(404).end();
                return;
            }
            hits.add(System.nanoTime());
            if (hangNext.compareAndSet(true, false)) {
                hungAt.set(System.nanoTime());
                return; // never answered: the prober is killed while it holds the lease
            }
            request.response().end("UP");
        });
        bed.startHub("probe-a");
        bed.startHub("probe-b");
        RestAssured.port = bed.hub(0).port();
        system = Api.activeSystem(Api.uniqueCode("probed"));
        Api.addEndpoint(system, Api.httpEndpoint("main", bed.stubUri("/api").toString()));
        Api.json().body(Map.of("target", "/health", "intervalSeconds", INTERVAL_MS / 1000, "timeoutMs", TIMEOUT_MS))
                .put("/api/v1/systems/" + system + "/endpoints/main/probe").then().statusCode(200);
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @Test
    void oneProbePerIntervalClusterWideAndTheOtherInstanceTakesOverTheLease() throws Exception {
        // Phase 1: both instances tick every 200 ms; the stub sees one probe per interval.
        await().atMost(Duration.ofSeconds(90)).until(() -> hits.size() >= 9);
        List<Long> gaps = gapsMillis(hits.subList(0, 9));
        System.out.println("probe gaps at the stub (ms): " + gaps);
        for (long gap : gaps) {
            assertTrue(gap >= INTERVAL_MS - SLACK_MS, "two probes within one interval: gaps " + gaps);
            assertTrue(gap < 2 * INTERVAL_MS - 500, "an interval went without a probe: gaps " + gaps);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> results("") >= 9);
        long byA = results("probe-a");
        long byB = results("probe-b");
        System.out.printf("probe results: %d by probe-a, %d by probe-b%n", byA, byB);
        assertEquals(0, bed.scalar("SELECT count(*) FROM (SELECT at - lag(at) OVER (ORDER BY at) AS gap FROM probe_result r "
                + "JOIN endpoint e ON e.id = r.endpoint_id JOIN information_system s ON s.id = e.system_id WHERE s.code = ?) g "
                + "WHERE gap < (?::float8) * interval '1 millisecond'", system, INTERVAL_MS - SLACK_MS), "no two recorded probes within one interval");

        // Phase 2: the next probe hangs at the provider; kill the instance holding its lease.
        hangNext.set(true);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> hungAt.get() != 0);
        HubProcess holder = leaseHolder();
        String survivor = holder == bed.hub(0) ? "probe-b" : "probe-a";
        holder.kill();
        int atKill = hits.size();
        long survivorBefore = results(survivor);

        long bound = TIMEOUT_MS + LEASE_MARGIN_MS + 2_000;
        await().atMost(Duration.ofMillis(bound + 5_000)).pollInterval(Duration.ofMillis(20)).until(() -> hits.size() > atKill);
        long takeoverMs = TimeUnit.NANOSECONDS.toMillis(hits.get(atKill) - hungAt.get());
        System.out.printf("lease holder killed mid-probe; %s probed again after %d ms (lease: timeout %d + margin %d ms)%n",
                survivor, takeoverMs, TIMEOUT_MS, LEASE_MARGIN_MS);
        assertTrue(takeoverMs >= TIMEOUT_MS + LEASE_MARGIN_MS - 500, "the lease held until it ran out: " + takeoverMs + " ms");
        assertTrue(takeoverMs <= bound, "the other instance took over within " + bound + " ms: " + takeoverMs + " ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> results(survivor) > survivorBefore);

        // The survivor goes on alone, still once per interval.
        await().atMost(Duration.ofSeconds(30)).until(() -> hits.size() >= atKill + 4);
        List<Long> after = gapsMillis(hits.subList(atKill, atKill + 4));
        System.out.println("probe gaps after the takeover (ms): " + after);
        for (long gap : after) {
            assertTrue(gap >= INTERVAL_MS - SLACK_MS && gap < 2 * INTERVAL_MS - 500, "gaps after the takeover " + after);
        }
    }

    /** The hub whose name is in the probe's lease right now. */
    private static HubProcess leaseHolder() throws Exception {
        String query = "SELECT count(*) FROM endpoint_probe p JOIN endpoint e ON e.id = p.endpoint_id "
                + "JOIN information_system s ON s.id = e.system_id WHERE s.code = ? AND p.claimed_by = ?";
        long a = bed.scalar(query, system, "probe-a");
        long b = bed.scalar(query, system, "probe-b");
        assertEquals(1, a + b, "exactly one instance holds the lease of the hanging probe");
        return a == 1 ? bed.hub(0) : bed.hub(1);
    }

    /** Probe results recorded for the endpoint, by {@code instance} ("" for all). */
    private static long results(String instance) throws Exception {
        return bed.scalar("SELECT count(*) FROM probe_result r JOIN endpoint e ON e.id = r.endpoint_id "
                + "JOIN information_system s ON s.id = e.system_id WHERE s.code = ? AND (? = '' OR r.hub_instance = ?)",
                system, instance, instance);
    }

    private static List<Long> gapsMillis(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1)));
        }
        return gaps;
    }
}
