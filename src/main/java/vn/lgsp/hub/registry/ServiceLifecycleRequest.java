package vn.lgsp.hub.registry;

/** Publish or withdraw a service. */
public record ServiceLifecycleRequest(ServiceAction action) {
}
