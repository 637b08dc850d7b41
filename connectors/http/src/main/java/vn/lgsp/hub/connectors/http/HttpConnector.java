package vn.lgsp.hub.connectors.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.spi.ProbeRequest;
import vn.lgsp.hub.connector.spi.ProbeResult;
import vn.lgsp.hub.connector.support.http.UpstreamCall;
import vn.lgsp.hub.connector.support.http.UpstreamHttpClient;

/**
 * Streams each exchange to the provider and its answer back, untouched: neither body is ever
 * held whole in memory.
 */
final class HttpConnector implements Connector {

    private final UpstreamHttpClient upstream;

    HttpConnector(UpstreamHttpClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public Future<ConnectorResponse> exchange(ConnectorRequest request) {
        UpstreamCall call = UpstreamCall.streamed(request.method(), request.path(), request.rawQuery(),
                request.headers(), request.transactionId(), request.traceparent(),
                request.body(), request.bodyLength());
        return upstream.send(call).map(HttpConnector::toConnectorResponse);
    }

    @Override
    public Future<ProbeResult> probe(ProbeRequest request) {
        return upstream.probe(request.target(), request.timeout(), status -> status >= 200 && status < 400);
    }

    @Override
    public void close() {
        upstream.close();
    }

    private static ConnectorResponse toConnectorResponse(HttpClientResponse response) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
        return new ConnectorResponse(response.statusCode(), headers, response, contentLength(headers), null);
    }

    private static long contentLength(MultiMap headers) {
        String value = headers.get("Content-Length");
        if (value == null || headers.contains("Transfer-Encoding")) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
