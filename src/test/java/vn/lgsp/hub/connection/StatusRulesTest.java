package vn.lgsp.hub.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-30T10:00:00Z");
    private final StatusRules rules = new StatusRules(Duration.ofMinutes(15), 3, 5, 0.5);

    private static Evidence evidence(String system, boolean active, int published, Instant probeUpAt, Instant failingSince,
                                     Instant txOkAt, long ok, long failed) {
        return new Evidence("C01", system, active ? "active" : "draft", active, published, 1, probeUpAt, true, null, probeUpAt,
                failingSince, txOkAt, ok, failed, failed > 0 ? NOW.minusSeconds(300) : null);
    }

    @Test
    void notRegisteredWithoutALinkedSystem() {
        assertEquals(ConnectionStatus.NOT_REGISTERED, rules.derive(evidence(null, false, 0, null, null, null, 0, 0), NOW).status());
    }

    @Test
    void registeredWhileNotActiveOrNothingPublished() {
        assertEquals(ConnectionStatus.REGISTERED, rules.derive(evidence("a", false, 1, NOW, null, NOW, 1, 0), NOW).status());
        assertEquals(ConnectionStatus.REGISTERED, rules.derive(evidence("a", true, 0, NOW, null, NOW, 1, 0), NOW).status());
    }

    @Test
    void connectedByAFreshProbeOrAFreshTransaction() {
        assertEquals(ConnectionStatus.CONNECTED, rules.derive(evidence("a", true, 1, NOW.minusSeconds(60), null, null, 0, 0), NOW).status());
        assertEquals(ConnectionStatus.CONNECTED, rules.derive(evidence("a", true, 1, null, null, NOW.minusSeconds(60), 4, 0), NOW).status());
    }

    @Test
    void disconnectedWhenNothingSucceededWithinTheWindow() {
        Instant stale = NOW.minus(Duration.ofMinutes(16));
        assertEquals(ConnectionStatus.DISCONNECTED, rules.derive(evidence("a", true, 1, stale, stale, stale, 0, 9), NOW).status());
        assertEquals(ConnectionStatus.DISCONNECTED, rules.derive(evidence("a", true, 1, null, null, null, 0, 0), NOW).status());
    }

    @Test
    void degradedByProbesSaysSinceWhen() {
        Instant since = NOW.minusSeconds(120);
        Derived d = rules.derive(evidence("a", true, 1, NOW.minusSeconds(200), since, null, 0, 0), NOW);
        assertEquals(ConnectionStatus.DEGRADED, d.status());
        assertEquals("probe", d.cause());
        assertEquals(since, d.causeSince());
    }

    @Test
    void degradedByTransactionsNeedsBothCountAndShare() {
        Derived d = rules.derive(evidence("a", true, 1, null, null, NOW.minusSeconds(10), 5, 5), NOW);
        assertEquals(ConnectionStatus.DEGRADED, d.status());
        assertEquals("transactions", d.cause());
        assertEquals(NOW.minusSeconds(300), d.causeSince());
        // Enough failures but a small share of the traffic: still connected.
        assertEquals(ConnectionStatus.CONNECTED, rules.derive(evidence("a", true, 1, null, null, NOW, 100, 5), NOW).status());
        // A large share but too few to judge.
        assertEquals(ConnectionStatus.CONNECTED, rules.derive(evidence("a", true, 1, null, null, NOW, 1, 4), NOW).status());
    }
}
