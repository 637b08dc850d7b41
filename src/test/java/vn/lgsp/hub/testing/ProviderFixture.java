package vn.lgsp.hub.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import vn.lgsp.hub.testing.stub.StubServer;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A live provider for sharing tests: a stub HTTP server on loopback, an active provider system
 * with one endpoint pointing at it, an active consumer system, and helpers to publish and grant
 * services. One per test class.
 */
public final class ProviderFixture implements AutoCloseable {

    public static final String CONSUMER_HEADER = "X-LGSP-Test-Consumer";

    private final Vertx vertx = Vertx.vertx();
    private final StubServer stub;
    private final String provider;
    private final String consumer;

    public ProviderFixture(String name, BiConsumer<StubServer.Received, HttpServerResponse> responder) throws Exception {
        stub = StubServer.start(vertx, responder);
        provider = Api.activeSystem(Api.uniqueCode(name + "-provider"));
        consumer = Api.activeSystem(Api.uniqueCode(name + "-consumer"));
        Api.addEndpoint(provider, Api.httpEndpoint("main", stub.uri("/api").toString()));
    }

    /** Publishes a REST service on the provider's endpoint and grants the consumer access to it. */
    public ProviderFixture service(String code, String method, String pattern, Map<String, Object> extra) {
        Map<String, Object> service = Api.restService(code, "main");
        service.put("httpMethod", method);
        service.put("pathPattern", pattern);
        service.putAll(extra);
        Api.publish(provider, service);
        Api.grant(consumer, provider, code);
        return this;
    }

    /** A request as the consumer system. */
    public RequestSpecification asConsumer() {
        return RestAssured.given().header(CONSUMER_HEADER, consumer);
    }

    public String url(String service, String path) {
        return "/share/" + provider + "/" + service + path;
    }

    public String provider() {
        return provider;
    }

    public String consumer() {
        return consumer;
    }

    public StubServer stub() {
        return stub;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() throws Exception {
        stub.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
