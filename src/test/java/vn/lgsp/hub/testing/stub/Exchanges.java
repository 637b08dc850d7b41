package vn.lgsp.hub.testing.stub;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.ServiceBinding;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.spi.UpstreamAuth;
import vn.lgsp.hub.connector.support.http.BufferReadStream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Builders for the SPI records tests hand to connectors. */
public final class Exchanges {

    public static final String TRANSACTION_ID = "01J0TESTTRANSACTION";
    public static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private Exchanges() {
    }

    public static EndpointSettings endpoint(String type, URI address) {
        return endpoint(type, address, Duration.ofSeconds(5), TlsSettings.DEFAULT, UpstreamAuth.NONE, Map.of());
    }

    public static EndpointSettings endpoint(String type, URI address, Duration requestTimeout, TlsSettings tls,
                                            UpstreamAuth auth, Map<String, String> options) {
        return new EndpointSettings("ep-test", type, address, Duration.ofSeconds(2), requestTimeout, tls, auth, options);
    }

    public static ServiceBinding restService() {
        return new ServiceBinding("citizen", "1.0", "*", "/**", null, Map.of());
    }

    public static ServiceBinding soapService(String operation, Map<String, String> options) {
        return new ServiceBinding("soap-svc", "1.0", "POST", "/", operation, options);
    }

    public static ConnectorRequest request(Vertx vertx, String method, String path, String rawQuery,
                                           MultiMap headers, Buffer body, ServiceBinding service) {
        return request(vertx, method, path, rawQuery, headers, body, body.length(), service);
    }

    public static ConnectorRequest request(Vertx vertx, String method, String path, String rawQuery,
                                           MultiMap headers, Buffer body, long bodyLength, ServiceBinding service) {
        return new ConnectorRequest(TRANSACTION_ID, TRACEPARENT, method, path, rawQuery,
                headers == null ? MultiMap.caseInsensitiveMultiMap() : headers,
                new BufferReadStream(vertx.getOrCreateContext(), body), bodyLength, service);
    }

    public static ConnectorRequest get(Vertx vertx, String path, ServiceBinding service) {
        return request(vertx, "GET", path, null, null, Buffer.buffer(), service);
    }

    public static Buffer utf8(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
