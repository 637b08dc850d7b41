package vn.lgsp.hub.connector.spi;

/**
 * No answer could be had from the provider. The {@link Kind} decides the caller's status:
 * timeouts become 504, everything else 502, and all count against the endpoint's circuit breaker.
 */
public class ConnectorException extends RuntimeException {

    public enum Kind {
        /** Could not connect: refused, unreachable, DNS. */
        CONNECT_FAILED,
        /** Connected, but no answer in time. */
        TIMEOUT,
        /** TLS handshake or certificate failure. */
        TLS_FAILED,
        /** The answer could not be understood (malformed, over a protocol limit). */
        BAD_RESPONSE,
        /** The hub could not authenticate to the provider (token endpoint failed). */
        UPSTREAM_AUTH_FAILED,
        /** The operator's egress policy refuses the address (nothing was sent); never retried. */
        EGRESS_REFUSED
    }

    private final Kind kind;

    public ConnectorException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public ConnectorException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
