package vn.lgsp.hub.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.ProcessTestBed;
import vn.lgsp.hub.testing.RoundRobinBalancer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Quotas hold across instances: two hub processes behind a round-robin balancer share each
 * grant's budget through PostgreSQL (every instance leases slices of a window's budget with one
 * atomic call). Hammering one grant through both admits exactly a daily quota, never more than a
 * per-second quota per second, and refuses the rest with 429 {@code quota-exceeded} and
 * {@code Retry-After}; the ledger records admitted and refused calls alike.
 */
class QuotaAcrossInstancesProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId DAY_ZONE = ZoneId.of("Asia/Ho_Chi_Minh"); // lgsp.quota.day-zone's default
    private static ProcessTestBed bed;
    private static RoundRobinBalancer balancer;
    // HTTP/1.1: an HTTP/2 (h2c) upgrade would carry every call over one connection, i.e. to one instance.
    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer: status, Retry-After and the problem code (null when not a problem document). */
    private record Answer(int status, String retryAfter, String code) {
    }

    @BeforeAll
    static void start() throws Exception {
        bed = ProcessTestBed.start("quota");
        bed.startHub("quota-a");
        bed.startHub("quota-b");
        balancer = bed.balance();
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @Test
    void aDailyQuotaAdmitsExactlyItsBudgetThroughTwoInstances() throws Exception {
        int quota = 300;
        int calls = 3 * quota;
        String grant = bed.share("daily", Map.of("requestsPerDay", quota));
        LocalDate day = LocalDate.now(DAY_ZONE);

        List<Answer> answers = hammer(bed.shareUri(balancer.port(), "daily", "/records/1"), calls, () -> true);
        assumeTrue(day.equals(LocalDate.now(DAY_ZONE)), "the quota day changed during the test; its budget restarted");

        long admitted = answers.stream().filter(a -> a.status() == 200).count();
        System.out.printf("daily quota %d through 2 instances: %d calls, %d admitted, %d refused%n", quota, calls, admitted,
                calls - admitted);
        assertEquals(quota, admitted, "exactly the daily quota is admitted across both instances");
        assertRefusalsAreQuotaProblems(answers, 1, 86_400);

        String consumer = bed.consumer();
        assertEquals(calls, bed.scalar("SELECT count(*) FROM ledger_entry WHERE consumer_code = ? AND service_code = 'daily'", consumer),
                "every call, admitted or refused, is one ledger row");
        assertEquals(quota, bed.scalar("SELECT count(*) FROM ledger_entry WHERE consumer_code = ? AND service_code = 'daily' "
                + "AND status_code = 200 AND success", consumer));
        assertEquals(calls - quota, bed.scalar("SELECT count(*) FROM ledger_entry WHERE consumer_code = ? AND service_code = 'daily' "
                + "AND status_code = 429 AND error_code = 'quota-exceeded'", consumer));
        assertEquals(2, bed.scalar("SELECT count(DISTINCT hub_instance) FROM ledger_entry WHERE consumer_code = ? "
                + "AND service_code = 'daily' AND status_code = 200", consumer), "both instances admitted calls");
        assertEquals(quota, bed.scalar("SELECT used FROM quota_window WHERE grant_id = ?::uuid AND window_kind = 'day'", grant),
                "the shared counter holds the whole budget as used");
    }

    @Test
    void aPerSecondQuotaIsNotMultipliedByTheNumberOfInstances() throws Exception {
        int perSecond = 20;
        bed.share("per-second", Map.of("requestsPerSecond", perSecond));
        long firstSecond = Instant.now().getEpochSecond();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);

        List<Answer> answers = hammer(bed.shareUri(balancer.port(), "per-second", "/records/1"), Integer.MAX_VALUE,
                () -> System.nanoTime() < until);
        long windows = Instant.now().getEpochSecond() - firstSecond + 1;

        long admitted = answers.stream().filter(a -> a.status() == 200).count();
        System.out.printf("per-second quota %d through 2 instances: %d calls in %d one-second windows, %d admitted%n", perSecond,
                answers.size(), windows, admitted);
        // Counted per instance, two instances would let through about twice this.
        assertTrue(admitted <= perSecond * windows, admitted + " admitted in " + windows + " windows of " + perSecond);
        assertTrue(answers.size() > 2 * perSecond * windows, "the load must exceed what two per-instance counters would allow");
        assertRefusalsAreQuotaProblems(answers, 1, 1);
        assertEquals(admitted, bed.scalar("SELECT count(*) FROM ledger_entry WHERE consumer_code = ? AND service_code = 'per-second' "
                + "AND status_code = 200", bed.consumer()));
        assertEquals(2, bed.scalar("SELECT count(DISTINCT hub_instance) FROM ledger_entry WHERE consumer_code = ? "
                + "AND service_code = 'per-second' AND status_code = 200", bed.consumer()), "both instances admitted calls");
    }

    /** {@code calls} calls (at most) from 8 threads while {@code going}; the answers in no particular order. */
    private static List<Answer> hammer(URI target, int calls, BooleanSupplier going) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Answer>>> callers = new ArrayList<>();
            AtomicInteger left = new AtomicInteger(calls);
            for (int t = 0; t < 8; t++) {
                callers.add(threads.submit(() -> {
                    List<Answer> own = new ArrayList<>();
                    while (going.getAsBoolean() && left.getAndDecrement() > 0) {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(target)
                                .header(ProcessTestBed.CONSUMER_HEADER, bed.consumer()).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        String code = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                                ? JSON.readTree(r.body()).path("code").asText() : null;
                        own.add(new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), code));
                    }
                    return own;
                }));
            }
            List<Answer> all = new ArrayList<>();
            for (Future<List<Answer>> caller : callers) {
                all.addAll(caller.get(120, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertRefusalsAreQuotaProblems(List<Answer> answers, long minRetryAfter, long maxRetryAfter) {
        for (Answer a : answers) {
            if (a.status() == 200) {
                continue;
            }
            assertEquals(429, a.status(), "a call is either admitted or refused for the quota: " + a);
            assertEquals("quota-exceeded", a.code(), a.toString());
            long retryAfter = Long.parseLong(a.retryAfter());
            assertTrue(retryAfter >= minRetryAfter && retryAfter <= maxRetryAfter, "Retry-After " + retryAfter);
        }
    }
}
