package vn.lgsp.hub.exchange;

/**
 * The provider and service a call asked for, when a stage had to look them up (a client
 * convention's alias, say) rather than read them from the hub's own URL. The version is the one
 * the caller pinned, or null for the newest published.
 */
public record Address(String providerCode, String serviceCode, String version) {
}
