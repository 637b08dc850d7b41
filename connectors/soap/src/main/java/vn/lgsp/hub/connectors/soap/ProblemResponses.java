package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.support.http.BufferReadStream;

import java.util.Map;

/**
 * RFC 9457 problem answers the connector gives itself, in the hub's shape
 * ({@code urn:lgsp-hub:problem:<code>} types, {@code code} and {@code transactionId} members).
 */
final class ProblemResponses {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    static ConnectorResponse problem(Context context, int status, String code, String title, String detail,
                                     String transactionId, Map<String, String> extensions, String fault) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", "urn:lgsp-hub:problem:" + code)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code);
        extensions.forEach(body::put);
        if (transactionId != null) {
            body.put("transactionId", transactionId);
        }
        Buffer bytes;
        try {
            bytes = Buffer.buffer(JSON.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException("problem document could not be written", e);
        }
        return json(context, status, MEDIA_TYPE, bytes, fault);
    }

    static ConnectorResponse json(Context context, int status, String mediaType, Buffer bytes, String fault) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .set("Content-Type", mediaType)
                .set("Content-Length", Integer.toString(bytes.length()));
        return new ConnectorResponse(status, headers, new BufferReadStream(context, bytes), bytes.length(), fault);
    }
}
