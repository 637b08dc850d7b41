package vn.lgsp.hub.registry;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LifecycleActionTest {

    /** Every (action, from) pair: the defined transitions and nothing else. */
    @Test
    void onlyDefinedTransitionsExist() {
        Map<LifecycleAction, Map<SystemStatus, SystemStatus>> expected = new EnumMap<>(LifecycleAction.class);
        expected.put(LifecycleAction.SUBMIT, Map.of(SystemStatus.DRAFT, SystemStatus.PENDING_APPROVAL));
        expected.put(LifecycleAction.APPROVE, Map.of(SystemStatus.PENDING_APPROVAL, SystemStatus.ACTIVE));
        expected.put(LifecycleAction.REJECT, Map.of(SystemStatus.PENDING_APPROVAL, SystemStatus.DRAFT));
        expected.put(LifecycleAction.SUSPEND, Map.of(SystemStatus.ACTIVE, SystemStatus.SUSPENDED));
        expected.put(LifecycleAction.RESUME, Map.of(SystemStatus.SUSPENDED, SystemStatus.ACTIVE));
        expected.put(LifecycleAction.RETIRE, Map.of(SystemStatus.DRAFT, SystemStatus.RETIRED,
                SystemStatus.ACTIVE, SystemStatus.RETIRED, SystemStatus.SUSPENDED, SystemStatus.RETIRED));
        for (LifecycleAction action : LifecycleAction.values()) {
            for (SystemStatus from : SystemStatus.values()) {
                assertEquals(Optional.ofNullable(expected.get(action).get(from)), action.apply(from), action + " from " + from);
            }
        }
    }

    @Test
    void nothingLeavesRetired() {
        for (LifecycleAction action : LifecycleAction.values()) {
            assertEquals(Optional.empty(), action.apply(SystemStatus.RETIRED));
        }
    }
}
