package vn.lgsp.hub.registry;

/** A stored service description: OpenAPI (JSON or YAML) or WSDL, served back byte for byte. */
public record ServiceDocument(String format, String mediaType, byte[] content, String sha256) {
}
