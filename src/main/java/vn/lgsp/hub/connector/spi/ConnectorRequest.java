package vn.lgsp.hub.connector.spi;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * One exchange the hub asks a connector to carry. The hub has already checked access, stripped
 * hop-by-hop and caller-credential headers, and checked the path; the connector must still
 * resolve {@link #path()} strictly below the endpoint's address.
 *
 * @param transactionId the hub's transaction id, to pass to the provider
 * @param traceparent   W3C trace context to pass on, or null
 * @param method        HTTP method of the caller
 * @param path          path below the service's base, starting with {@code /}, already
 *                      normalised and free of traversal; may be {@code "/"}
 * @param rawQuery      query string as sent by the caller (without {@code ?}), or null
 * @param headers       headers to pass on (already filtered); the connector reads them and never changes them
 *                      (a retry passes the same map again)
 * @param body          the caller's body, streamed; empty stream when there is none
 * @param bodyLength    declared length in bytes, or -1 when unknown (chunked)
 * @param service       the provider service being called
 */
public record ConnectorRequest(
        String transactionId,
        String traceparent,
        String method,
        String path,
        String rawQuery,
        MultiMap headers,
        ReadStream<Buffer> body,
        long bodyLength,
        ServiceBinding service) {
}
