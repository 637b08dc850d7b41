package vn.lgsp.hub.connector.support.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * One request to send to the endpoint. Exactly one of {@code streamedBody} and
 * {@code bufferedBody} may be set; neither means no body.
 *
 * @param path       path below the endpoint's base path, starting with {@code /}
 * @param rawQuery   query without {@code ?}, or null
 * @param headers    headers to pass on; hop-by-hop and Host are replaced
 * @param bodyLength bytes in the streamed body, or -1 to send it chunked
 */
public record UpstreamCall(
        String method,
        String path,
        String rawQuery,
        MultiMap headers,
        String transactionId,
        String traceparent,
        ReadStream<Buffer> streamedBody,
        Buffer bufferedBody,
        long bodyLength) {

    public static UpstreamCall streamed(String method, String path, String rawQuery, MultiMap headers,
                                        String transactionId, String traceparent,
                                        ReadStream<Buffer> body, long bodyLength) {
        return new UpstreamCall(method, path, rawQuery, headers, transactionId, traceparent, body, null, bodyLength);
    }

    public static UpstreamCall buffered(String method, String path, String rawQuery, MultiMap headers,
                                        String transactionId, String traceparent, Buffer body) {
        return new UpstreamCall(method, path, rawQuery, headers, transactionId, traceparent, null, body,
                body == null ? 0 : body.length());
    }
}
