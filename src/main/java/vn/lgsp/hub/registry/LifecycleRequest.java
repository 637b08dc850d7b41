package vn.lgsp.hub.registry;

/** Asks for a lifecycle transition; {@code reason} is kept in the change event (e.g. why suspended). */
public record LifecycleRequest(LifecycleAction action, String reason) {
}
