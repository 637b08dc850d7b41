package vn.lgsp.hub.events;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.stub.StubServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Shared steps of the events tests: a provider with an event type, subscribers with stubs. */
final class EventsFixture {

    static final String CALLER = "X-LGSP-Test-Consumer";

    private EventsFixture() {
    }

    /** The schema of the test event type: a civil-status registration. */
    static Map<String, Object> schema() {
        return Map.of(
                "type", "object",
                "required", List.of("soDinhDanh", "hoTen"),
                "additionalProperties", false,
                "properties", Map.of(
                        "soDinhDanh", Map.of("type", "string", "pattern", "^[0-9]{12}$"),
                        "hoTen", Map.of("type", "string", "minLength", 1),
                        "namSinh", Map.of("type", "integer", "minimum", 1900),
                        "seq", Map.of("type", "integer")));
    }

    static void declare(String provider, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("version", "1.0");
        body.put("description", "Đăng ký khai sinh");
        body.put("schema", schema());
        body.put("dataClassification", "personal");
        Api.json().body(body).post("/api/v1/systems/" + provider + "/event-types").then().statusCode(201);
    }

    static RequestSpecification as(String system) {
        return Api.json().header(CALLER, system);
    }

    static Map<String, Object> event(String id, String key, int seq) {
        return Map.of("id", id, "key", key, "data", Map.of("soDinhDanh", "089012345678", "hoTen", "Nguyễn Văn " + seq, "seq", seq));
    }

    static void publish(String provider, String type, String id, String key, int seq) {
        as(provider).body(event(id, key, seq)).post("/api/v1/events/" + type).then().statusCode(201);
    }

    /** A consumer system with an http endpoint on the stub, granted and subscribed (push); returns [consumer, subscriptionId, secret]. */
    static String[] pushSubscriber(String name, String provider, String type, StubServer stub, Integer maxAttempts) {
        return pushSubscriber(name, provider, type, stub.uri("/hooks"), maxAttempts);
    }

    /** The same, with the consumer's endpoint at {@code hooks}. */
    static String[] pushSubscriber(String name, String provider, String type, URI hooks, Integer maxAttempts) {
        String consumer = Api.activeSystem(Api.uniqueCode(name));
        Api.addEndpoint(consumer, Api.httpEndpoint("events", hooks.toString()));
        Api.grant(consumer, provider, type);
        Map<String, Object> body = new HashMap<>(Map.of("providerSystem", provider, "eventType", type, "mode", "push",
                "endpointCode", "events", "path", "/lgsp"));
        if (maxAttempts != null) {
            body.put("maxAttempts", maxAttempts);
        }
        var answer = as(consumer).body(body).post("/api/v1/subscriptions").then().statusCode(201).extract();
        return new String[] {consumer, answer.path("id"), answer.path("secret")};
    }

    static StubServer stub(Vertx vertx, BiConsumer<StubServer.Received, HttpServerResponse> responder) throws Exception {
        return StubServer.start(vertx, responder);
    }

    /** Checks a push's signature as a subscriber would. */
    static boolean signatureValid(StubServer.Received r, String secret) throws Exception {
        String timestamp = r.headers().get("X-LGSP-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body().getBytes()));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                String.valueOf(r.headers().get("X-LGSP-Signature")).getBytes(StandardCharsets.US_ASCII));
    }

    static RequestSpecification plain(String system) {
        return Api.given().header(CALLER, system).accept("application/json");
    }
}
