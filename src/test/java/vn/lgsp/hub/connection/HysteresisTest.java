package vn.lgsp.hub.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HysteresisTest {

    private static final Instant T0 = Instant.parse("2026-06-30T10:00:00Z");
    private final Hysteresis hysteresis = new Hysteresis(Duration.ofSeconds(60), 3);

    private static Derived d(ConnectionStatus status) {
        return Derived.of(status);
    }

    @Test
    void firstEvaluationSettlesAtOnce() {
        Hysteresis.Step step = hysteresis.apply(null, d(ConnectionStatus.NOT_REGISTERED), T0);
        assertTrue(step.changed());
        assertNull(step.previous());
        assertEquals(ConnectionStatus.NOT_REGISTERED, step.state().status());
    }

    @Test
    void registryChangesApplyAtOnce() {
        ConnectionState registered = ConnectionState.settled(d(ConnectionStatus.REGISTERED), T0);
        Hysteresis.Step step = hysteresis.apply(registered, d(ConnectionStatus.DISCONNECTED), T0.plusSeconds(1));
        assertTrue(step.changed());
        assertEquals(ConnectionStatus.DISCONNECTED, step.state().status());
        ConnectionState connected = ConnectionState.settled(d(ConnectionStatus.CONNECTED), T0);
        assertTrue(hysteresis.apply(connected, d(ConnectionStatus.REGISTERED), T0.plusSeconds(1)).changed());
    }

    @Test
    void aLiveChangeWaitsForTheSettleTimeAndEvaluations() {
        ConnectionState state = ConnectionState.settled(d(ConnectionStatus.CONNECTED), T0);
        Instant t = T0.plusSeconds(100);
        Hysteresis.Step step = hysteresis.apply(state, new Derived(ConnectionStatus.DEGRADED, "probe", t), t);
        assertFalse(step.changed());
        step = hysteresis.apply(step.state(), new Derived(ConnectionStatus.DEGRADED, "probe", t), t.plusSeconds(30));
        assertFalse(step.changed(), "two evaluations over 30 s are not enough");
        step = hysteresis.apply(step.state(), new Derived(ConnectionStatus.DEGRADED, "probe", t), t.plusSeconds(60));
        assertTrue(step.changed());
        assertEquals(ConnectionStatus.DEGRADED, step.state().status());
        assertEquals(t, step.state().since(), "since is when the evidence first pointed there");
        assertEquals("probe", step.state().cause());
        assertEquals(ConnectionStatus.CONNECTED, step.previous());
    }

    @Test
    void manyEvaluationsInAShortTimeDoNotSettle() {
        ConnectionState state = ConnectionState.settled(d(ConnectionStatus.CONNECTED), T0);
        for (int i = 1; i <= 10; i++) {
            Hysteresis.Step step = hysteresis.apply(state, d(ConnectionStatus.DISCONNECTED), T0.plusSeconds(i));
            assertFalse(step.changed());
            state = step.state();
        }
        assertEquals(ConnectionStatus.CONNECTED, state.status());
    }

    @Test
    void aFlappingEndpointNeverChangesTheStatus() {
        ConnectionState state = ConnectionState.settled(d(ConnectionStatus.CONNECTED), T0);
        int changes = 0;
        for (int i = 1; i <= 200; i++) {
            // down for 50 s, up for 10 s, again and again: never down for the whole settle time
            ConnectionStatus seen = (i % 6 == 0) ? ConnectionStatus.CONNECTED : ConnectionStatus.DEGRADED;
            Hysteresis.Step step = hysteresis.apply(state, d(seen), T0.plusSeconds(10L * i));
            changes += step.changed() ? 1 : 0;
            state = step.state();
        }
        assertEquals(0, changes);
        assertEquals(ConnectionStatus.CONNECTED, state.status());
    }
}
