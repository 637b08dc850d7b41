package vn.lgsp.hub.registry;

/** An endpoint with its encrypted credentials, as stored; never leaves the hub. */
public record EndpointRecord(Endpoint endpoint, byte[] secretCiphertext, byte[] clientKeyCiphertext) {
}
