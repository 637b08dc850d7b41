package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Publishing a service makes it routable; withdrawing stops new calls. */
public enum ServiceAction {
    @JsonProperty("publish") PUBLISH(EnumSet.of(ServiceStatus.DRAFT, ServiceStatus.WITHDRAWN), ServiceStatus.PUBLISHED, "service.published"),
    @JsonProperty("withdraw") WITHDRAW(EnumSet.of(ServiceStatus.PUBLISHED), ServiceStatus.WITHDRAWN, "service.withdrawn");

    private final Set<ServiceStatus> from;
    private final ServiceStatus to;
    private final String eventType;

    ServiceAction(Set<ServiceStatus> from, ServiceStatus to, String eventType) {
        this.from = from;
        this.to = to;
        this.eventType = eventType;
    }

    public Optional<ServiceStatus> apply(ServiceStatus current) {
        return from.contains(current) ? Optional.of(to) : Optional.empty();
    }

    public String eventType() {
        return eventType;
    }

    public String wire() {
        return name().toLowerCase();
    }
}
