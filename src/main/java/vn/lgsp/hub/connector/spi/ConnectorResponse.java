package vn.lgsp.hub.connector.spi;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The provider's answer. The hub filters the headers, enforces the response size limit while it
 * streams {@link #body()} to the caller, and records the exchange.
 *
 * @param status     status code as the caller should see it
 * @param headers    provider headers (the hub strips hop-by-hop ones)
 * @param body       the answer, streamed; paused until the hub reads it
 * @param bodyLength length in bytes, or -1 when unknown
 * @param fault      set when the provider answered with a protocol-level fault (a SOAP fault,
 *                   say) that the ledger should record as the error; null otherwise
 */
public record ConnectorResponse(
        int status,
        MultiMap headers,
        ReadStream<Buffer> body,
        long bodyLength,
        String fault) {
}
