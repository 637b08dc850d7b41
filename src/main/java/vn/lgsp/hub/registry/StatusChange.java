package vn.lgsp.hub.registry;

/** Data of a {@code system.status_changed} event. */
public record StatusChange(String action, SystemStatus from, SystemStatus to, String reason, InformationSystem system) {
}
