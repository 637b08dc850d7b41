package vn.lgsp.hub.console;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may do what in the console: the API's rule that an owner owns the systems whose ownerOrg is their org. */
class ConsoleUserTest {

    @Test
    void ownersOwnTheirOrganisationsSystemsExactlyAsTheApiSays() {
        ConsoleUser owner = new ConsoleUser("chu-a", Set.of("system_owner"), "org-a");
        assertTrue(owner.owns("org-a"));
        assertFalse(owner.owns("org-b"));
        assertFalse(owner.owns(" ORG-A "), "no loose matching: the API compares ownerOrg exactly");
        assertFalse(owner.owns(null));
        assertFalse(new ConsoleUser("chu", Set.of("system_owner"), null).owns(null), "an owner without an organisation owns nothing");
        assertTrue(new ConsoleUser("qt", Set.of("admin"), null).owns("org-b"));
        assertFalse(new ConsoleUser("vh", Set.of("operator"), "org-a").owns("org-a"), "an operator owns nothing");
    }

    @Test
    void watchersAndManagersByRole() {
        assertTrue(new ConsoleUser("vh", Set.of("operator"), null).canWatch());
        assertFalse(new ConsoleUser("vh", Set.of("operator"), null).canManage());
        assertTrue(new ConsoleUser("chu", Set.of("system_owner"), "org-a").canManage());
        assertFalse(new ConsoleUser("chu", Set.of("system_owner"), "org-a").canWatch());
        ConsoleUser integrator = new ConsoleUser("th", Set.of("integrator"), null);
        assertFalse(integrator.canWatch() || integrator.canManage());
    }
}
