package vn.lgsp.hub.connector.spi;

/**
 * One unusable endpoint setting, reported to the owner as a field error.
 *
 * @param field   path of the offending field in the endpoint document, e.g. {@code "address"} or
 *                {@code "tls.caCertificatesPem"}
 * @param code    stable machine-readable code, e.g. {@code "unsupported-scheme"}
 * @param message human-readable explanation; must not echo secrets
 */
public record SettingProblem(String field, String code, String message) {
}
