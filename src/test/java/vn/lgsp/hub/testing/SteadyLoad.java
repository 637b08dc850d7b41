package vn.lgsp.hub.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A steady closed-loop load for process tests: {@code threads} callers calling one sharing URL
 * as one consumer until closed, remembering the transaction id of every 200 and counting answers
 * by status ({@code -1}: no answer, e.g. a refused connection or a timeout).
 */
public final class SteadyLoad implements AutoCloseable {

    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;

    /**
     * @param freshConnectionsEvery open new connections after this many calls per caller (0: keep
     *                              them); a balancer spreads connections, not requests, so a
     *                              joining instance only gets a share of new connections
     */
    public SteadyLoad(int threads, URI target, String consumer, int freshConnectionsEvery) {
        this.threads = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            this.threads.submit(() -> {
                HttpClient client = client();
                int sent = 0;
                while (running.get()) {
                    if (freshConnectionsEvery > 0 && ++sent % freshConnectionsEvery == 0) {
                        client = client();
                    }
                    int status;
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(target).header(ProcessTestBed.CONSUMER_HEADER, consumer)
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                        status = r.statusCode();
                        if (status == 200) {
                            answered.add(r.headers().firstValue("X-Transaction-Id").orElseThrow());
                        }
                    } catch (Exception e) {
                        status = -1;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Transaction ids of the calls answered 200 so far. */
    public Set<String> answered() {
        return answered;
    }

    public int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    /** Calls not answered 200, including those with no answer at all. */
    public int failures() {
        return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToInt(e -> e.getValue().get()).sum();
    }

    public Map<Integer, AtomicInteger> statuses() {
        return statuses;
    }

    /** Stops the callers and waits for the calls in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
    }
}
