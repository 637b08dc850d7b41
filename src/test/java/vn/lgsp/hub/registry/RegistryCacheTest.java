package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryCacheTest {

    private static final long TTL = 5_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicLong generation = new AtomicLong();
    private final List<CompletableFuture<String>> loads = new ArrayList<>();
    private final RegistryCache<String, String> cache = new RegistryCache<>(3, TTL, java.time.Duration.ofSeconds(2), generation::get, clock::get);

    private final Supplier<Uni<String>> loader = () -> {
        CompletableFuture<String> load = new CompletableFuture<>();
        loads.add(load);
        return Uni.createFrom().completionStage(load);
    };

    @Test
    void aLoadTheDatabaseNeverAnswersIsRefusedAfterItsTimeoutAndNotKept() throws Exception {
        RegistryCache<String, String> hung = new RegistryCache<>(3, TTL, java.time.Duration.ofMillis(100), generation::get, clock::get);
        CompletableFuture<String> waiting = hung.get("k", () -> Uni.createFrom().nothing());
        var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> waiting.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(vn.lgsp.hub.problem.ErrorCode.STORAGE_UNAVAILABLE, ((vn.lgsp.hub.problem.ProblemException) failure.getCause()).error());
        assertEquals("v2", hung.get("k", () -> Uni.createFrom().item("v2")).getNow(null), "the next caller loads afresh");
    }

    @Test
    void concurrentCallersShareOneLoadAndTheResultIsKeptWhileFresh() {
        CompletableFuture<String> first = cache.get("k", loader);
        CompletableFuture<String> second = cache.get("k", loader);
        assertEquals(1, loads.size());
        loads.get(0).complete("v1");
        assertEquals("v1", first.getNow(null));
        assertEquals("v1", second.getNow(null));

        clock.addAndGet(TTL - 1);
        assertEquals("v1", cache.get("k", loader).getNow(null));
        assertEquals(1, loads.size());
    }

    @Test
    void anEntryOlderThanTheTtlIsReloadedEvenWithoutAChangeNotification() {
        cache.get("k", loader);
        loads.get(0).complete("granted");

        clock.addAndGet(TTL);
        CompletableFuture<String> after = cache.get("k", loader);
        assertEquals(2, loads.size());
        assertFalse(after.isDone());
        loads.get(1).complete("revoked");
        assertEquals("revoked", after.getNow(null));
    }

    @Test
    void aLoadThatStartedBeforeAChangeIsHandedToItsCallersButNotKept() {
        CompletableFuture<String> during = cache.get("k", loader);
        generation.incrementAndGet();
        loads.get(0).complete("old");
        assertEquals("old", during.getNow(null));

        cache.get("k", loader);
        assertEquals(2, loads.size());
    }

    @Test
    void aFailedLoadIsNotKept() {
        CompletableFuture<String> failed = cache.get("k", loader);
        loads.get(0).completeExceptionally(new IllegalStateException("database down"));
        assertTrue(failed.isCompletedExceptionally());

        CompletableFuture<String> retried = cache.get("k", loader);
        assertEquals(2, loads.size());
        loads.get(1).complete("v");
        assertEquals("v", retried.getNow(null));
    }

    @Test
    void aLoaderThatThrowsFailsTheCallInsteadOfTheCaller() {
        CompletableFuture<String> failed = cache.get("k", () -> {
            throw new IllegalArgumentException("bad schema");
        });
        assertTrue(failed.isCompletedExceptionally());
        assertEquals(0, cache.size());
    }

    @Test
    void clearDropsEverythingAndTheSizeStaysBounded() {
        for (String key : List.of("a", "b", "c")) {
            cache.get(key, loader);
        }
        loads.forEach(load -> load.complete("v"));
        assertEquals(3, cache.size());

        cache.get("d", loader);
        assertEquals(1, cache.size());

        cache.clear();
        assertEquals(0, cache.size());
    }
}
