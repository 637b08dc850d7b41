package vn.lgsp.hub.connector.support.time;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopDeadlinesTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aDeadlineFiresOnItsOwnContextNotBeforeItsTime() {
        Context context = vertx.getOrCreateContext();
        AtomicReference<Context> firedOn = new AtomicReference<>();
        AtomicInteger elapsedMillis = new AtomicInteger(-1);
        context.runOnContext(v -> {
            long scheduled = System.nanoTime();
            LoopDeadlines.schedule(vertx, 120, () -> {
                elapsedMillis.set((int) ((System.nanoTime() - scheduled) / 1_000_000));
                firedOn.set(Vertx.currentContext());
            });
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> firedOn.get() != null);
        assertSame(context, firedOn.get());
        assertTrue(elapsedMillis.get() >= 120, "fired after " + elapsedMillis.get() + " ms");
    }

    @Test
    void aCancelledDeadlineNeverFiresAndOthersStillDo() {
        List<String> fired = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelledInTime = new AtomicBoolean();
        vertx.getOrCreateContext().runOnContext(v -> {
            LoopDeadlines.Deadline cancelled = LoopDeadlines.schedule(vertx, 50, () -> fired.add("cancelled"));
            LoopDeadlines.schedule(vertx, 100, () -> fired.add("kept"));
            cancelledInTime.set(cancelled.cancel());
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.contains("kept"));
        assertTrue(cancelledInTime.get());
        assertEquals(List.of("kept"), fired);
    }

    @Test
    void aFiredDeadlineCannotBeCancelledAfterwards() {
        AtomicReference<LoopDeadlines.Deadline> deadline = new AtomicReference<>();
        AtomicBoolean fired = new AtomicBoolean();
        vertx.getOrCreateContext().runOnContext(v -> deadline.set(LoopDeadlines.schedule(vertx, 10, () -> fired.set(true))));
        await().atMost(Duration.ofSeconds(5)).untilTrue(fired);
        assertFalse(deadline.get().cancel());
    }

    @Test
    void offAnEventLoopAPlainTimerServes() {
        AtomicBoolean fired = new AtomicBoolean();
        LoopDeadlines.schedule(vertx, 10, () -> fired.set(true));
        await().atMost(Duration.ofSeconds(5)).untilTrue(fired);
    }
}
