package vn.lgsp.hub.ledger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    private static final long SECOND = 1_000_000_000L;

    /** A database whose commits finish only when the test says so. */
    private final List<CompletableFuture<Void>> commits = new ArrayList<>();
    private final List<List<String>> batches = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private GroupCommit<String> group(int maxInFlight, int maxQueued) {
        return new GroupCommit<>("test", 100, maxInFlight, maxQueued, Duration.ofSeconds(2), Duration.ofSeconds(1), (batch, slot) -> {
            CompletableFuture<Void> commit = new CompletableFuture<>();
            commits.add(commit);
            batches.add(List.copyOf(batch));
            return Uni.createFrom().completionStage(commit);
        }, new SimpleMeterRegistry(), now::get);
    }

    @Test
    void whileTheWatchdogsProbeIsOverdueRecordsAreRefusedUpFrontWithNoFailureSeenYet() {
        GroupCommit<String> group = group(1, 100);
        java.util.concurrent.atomic.AtomicBoolean overdue = new java.util.concurrent.atomic.AtomicBoolean(true);
        group.refuseWhile(overdue::get);
        assertFalse(group.accepting());
        assertTrue(group.add("a").failed());
        assertTrue(batches.isEmpty(), "nothing reached the database");
        overdue.set(false);
        assertTrue(group.accepting());
        group.add("b");
        assertEquals(List.of(List.of("b")), batches);
    }

    @Test
    void recordsArrivingDuringACommitJoinTheNextOne() {
        GroupCommit<String> group = group(1, 100);
        Future<Void> first = group.add("a");
        Future<Void> second = group.add("b");
        Future<Void> third = group.add("c");
        assertEquals(List.of(List.of("a")), batches);

        commits.get(0).complete(null);

        assertTrue(first.succeeded());
        assertFalse(second.isComplete(), "not before its own commit");
        assertEquals(List.of("b", "c"), batches.get(1));
        commits.get(1).complete(null);
        assertTrue(second.succeeded() && third.succeeded());
    }

    @Test
    void aHungCommitFailsItsRecordsAtTheDeadlineAndTheHubRefusesForAWhile() {
        GroupCommit<String> group = group(1, 100);
        Future<Void> inCommit = group.add("a");
        Future<Void> queued = group.add("b");
        now.addAndGet(SECOND);
        group.sweep();
        assertFalse(inCommit.isComplete(), "one second is within the deadline");

        now.addAndGet(SECOND + 1);
        group.sweep();

        assertInstanceOf(GroupCommit.NotCommitted.class, inCommit.cause());
        assertInstanceOf(GroupCommit.NotCommitted.class, queued.cause());
        assertFalse(group.healthy());
        assertTrue(group.add("c").failed(), "refused up front right after a missed deadline");
        assertEquals(1, batches.size(), "nothing more was sent to the stalled database");

        // The database wakes up: the late commit completes nothing twice, and the group is healthy.
        commits.get(0).complete(null);
        assertTrue(inCommit.failed());
        assertTrue(group.healthy());
        Future<Void> after = group.add("d");
        assertEquals(List.of("d"), batches.get(1), "the queued record failed at its deadline is not written after all");
        commits.get(1).complete(null);
        assertTrue(after.succeeded());
    }

    @Test
    void theQueueInFrontOfTheDatabaseIsBounded() {
        GroupCommit<String> group = group(1, 3);
        group.add("in-commit");
        List<Future<Void>> waiting = List.of(group.add("1"), group.add("2"), group.add("3"));

        Future<Void> overflow = group.add("4");

        assertTrue(overflow.failed(), "the fourth waiting record is refused at once");
        assertInstanceOf(GroupCommit.NotCommitted.class, overflow.cause());
        assertTrue(waiting.stream().noneMatch(Future::isComplete));
        assertTrue(group.healthy(), "a full queue is load, not a database failure");
    }

    @Test
    void afterAFailedCommitNewRecordsAreRefusedForTheWindowThenTriedAgain() {
        GroupCommit<String> group = group(1, 100);
        Future<Void> failed = group.add("a");
        commits.get(0).completeExceptionally(new IllegalStateException("connection refused"));
        assertTrue(failed.failed());
        assertFalse(group.healthy());

        now.addAndGet(SECOND / 2);
        assertTrue(group.add("b").failed(), "inside the fail-fast window");
        assertEquals(1, batches.size());

        now.addAndGet(SECOND);
        Future<Void> retried = group.add("c");
        assertEquals(List.of("c"), batches.get(1), "past the window a record tries the database again");
        commits.get(1).complete(null);
        assertTrue(retried.succeeded());
        assertTrue(group.healthy());
    }

    @Test
    void aProbeThatReachesTheDatabaseEndsTheRefusals() {
        GroupCommit<String> group = group(1, 100);
        group.add("a");
        commits.get(0).completeExceptionally(new IllegalStateException("down"));
        assertFalse(group.accepting());

        group.recovered();

        assertTrue(group.accepting() && group.healthy());
    }
}
