package vn.lgsp.hub.connector.support.http;

import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorException.Kind;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * Turns an I/O failure into the {@link ConnectorException} the hub maps to a status. Messages
 * name the endpoint and the failure class only: never the URL with its query, never a secret.
 */
public final class UpstreamFailure {

    /** Where the exchange was when it failed. */
    public enum Phase {
        /** Getting a connection: DNS, TCP connect, TLS handshake, pool wait. */
        CONNECT,
        /** Sending the request and waiting for the response head. */
        AWAIT_HEAD
    }

    private UpstreamFailure() {
    }

    public static ConnectorException of(Throwable failure, Phase phase, String endpoint) {
        if (failure instanceof ConnectorException known) {
            return known;
        }
        Throwable cause = keepableCause(failure);
        if (isTlsFailure(failure)) {
            return new ConnectorException(Kind.TLS_FAILED, "TLS with endpoint " + endpoint + " failed", cause);
        }
        if (phase == Phase.CONNECT) {
            String reason = has(failure, TimeoutException.class) || hasNamed(failure, "ConnectTimeoutException")
                    ? "timed out" : failure.getClass().getSimpleName();
            return new ConnectorException(Kind.CONNECT_FAILED, "could not connect to endpoint " + endpoint + ": " + reason, cause);
        }
        if (has(failure, TimeoutException.class)) {
            return new ConnectorException(Kind.TIMEOUT, "endpoint " + endpoint + " did not answer in time");
        }
        if (has(failure, ConnectException.class) || has(failure, UnknownHostException.class)
                || has(failure, NoRouteToHostException.class) || has(failure, UnresolvedAddressException.class)) {
            return new ConnectorException(Kind.CONNECT_FAILED, "could not connect to endpoint " + endpoint, cause);
        }
        return new ConnectorException(Kind.BAD_RESPONSE,
                "no answer from endpoint " + endpoint + ": " + failure.getClass().getSimpleName(), cause);
    }

    /** Vert.x timeout messages quote the request URI with its query, so those are dropped. */
    private static Throwable keepableCause(Throwable failure) {
        return has(failure, TimeoutException.class) ? null : failure;
    }

    /**
     * Any {@code javax.net.ssl.SSLException} in the chain, found by name so that code under the
     * SPI keeps to the packages connectors may use.
     */
    private static boolean isTlsFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().equals("javax.net.ssl.SSLException")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** By name, because connectors may not depend on Netty's exception types. */
    private static boolean hasNamed(Throwable failure, String simpleName) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
