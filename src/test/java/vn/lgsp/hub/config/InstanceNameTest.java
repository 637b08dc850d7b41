package vn.lgsp.hub.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class InstanceNameTest {

    @Test
    void theConfiguredNameWins() {
        assertEquals("hub-a", new InstanceName(Optional.of(" hub-a "), Map.of("HOSTNAME", "pod-7"), () -> Optional.of("box"), 42).value());
    }

    @Test
    void aPodIsNamedByItsHostnameVariable() {
        assertEquals("pod-7", new InstanceName(Optional.empty(), Map.of("HOSTNAME", "pod-7"), () -> Optional.of("box"), 42).value());
    }

    @Test
    void withoutHostnameTwoProcessesOnOneMachineAreToldApart() {
        String first = new InstanceName(Optional.empty(), Map.of(), () -> Optional.of("box"), 4101).value();
        String second = new InstanceName(Optional.empty(), Map.of("HOSTNAME", " "), () -> Optional.of("box"), 4102).value();
        assertEquals("box-4101", first);
        assertNotEquals(first, second);
    }

    @Test
    void anUnknownHostStillGetsADistinctName() {
        assertEquals("lgsp-hub-9", new InstanceName(Optional.empty(), Map.of(), Optional::empty, 9).value());
    }
}
