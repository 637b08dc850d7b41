package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static vn.lgsp.hub.registry.SystemStatus.ACTIVE;
import static vn.lgsp.hub.registry.SystemStatus.DRAFT;
import static vn.lgsp.hub.registry.SystemStatus.PENDING_APPROVAL;
import static vn.lgsp.hub.registry.SystemStatus.RETIRED;
import static vn.lgsp.hub.registry.SystemStatus.SUSPENDED;

/**
 * The defined transitions of a system's lifecycle:
 * {@code draft -> pending_approval -> active <-> suspended -> retired}, with rejection back to
 * draft and retirement from any live status. Who may take each action is the security issue's
 * concern; {@link #byOwner()} records the intent (owners submit and retire, admins decide).
 */
public enum LifecycleAction {
    @JsonProperty("submit") SUBMIT(EnumSet.of(DRAFT), PENDING_APPROVAL, true),
    @JsonProperty("approve") APPROVE(EnumSet.of(PENDING_APPROVAL), ACTIVE, false),
    @JsonProperty("reject") REJECT(EnumSet.of(PENDING_APPROVAL), DRAFT, false),
    @JsonProperty("suspend") SUSPEND(EnumSet.of(ACTIVE), SUSPENDED, false),
    @JsonProperty("resume") RESUME(EnumSet.of(SUSPENDED), ACTIVE, false),
    @JsonProperty("retire") RETIRE(EnumSet.of(DRAFT, ACTIVE, SUSPENDED), RETIRED, true);

    private final Set<SystemStatus> from;
    private final SystemStatus to;
    private final boolean byOwner;

    LifecycleAction(Set<SystemStatus> from, SystemStatus to, boolean byOwner) {
        this.from = from;
        this.to = to;
        this.byOwner = byOwner;
    }

    /** The status after this action, or empty when the action is not defined from {@code current}. */
    public Optional<SystemStatus> apply(SystemStatus current) {
        return from.contains(current) ? Optional.of(to) : Optional.empty();
    }

    public Set<SystemStatus> from() {
        return from;
    }

    public boolean byOwner() {
        return byOwner;
    }

    public String wire() {
        return name().toLowerCase();
    }
}
