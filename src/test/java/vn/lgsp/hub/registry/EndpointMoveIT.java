package vn.lgsp.hub.registry;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.stub.StubServer;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An owner who moves an endpoint elsewhere without sending its secret again must not get the
 * hub to carry the stored secret there: a secret stays with the origin (scheme, host, port) it
 * was given for, and an OAuth2 client secret with its token URL.
 */
@QuarkusTest
class EndpointMoveIT {

    private static final String SECRET = "provider-api-key-7f3c";

    @Test
    void aStoredSecretIsNeverCarriedToAnotherHost() throws Exception {
        try (ProviderFixture fixture = new ProviderFixture("move", (request, response) -> response.putHeader("Content-Type", "application/json")
                .end("{\"at\":\"a\"}"));
             StubServer elsewhere = StubServer.start(fixture.vertx(), (request, response) -> response.putHeader("Content-Type", "application/json")
                     .end("{\"at\":\"b\"}"))) {
            String provider = fixture.provider();
            String original = fixture.stub().uri("/api").toString();
            Map<String, Object> keyed = Api.httpEndpoint("keyed", original);
            keyed.put("auth", Map.of("type", "api_key", "header", "X-Api-Key", "secret", SECRET));
            Api.addEndpoint(provider, keyed);
            Map<String, Object> service = Api.restService("keyed-records", "keyed");
            Api.publish(provider, service);
            Api.grant(fixture.consumer(), provider, "keyed-records");
            fixture.asConsumer().get(fixture.url("keyed-records", "/records/1")).then().statusCode(200);
            assertEquals(SECRET, fixture.stub().last().headers().get("X-Api-Key"));

            String path = "/api/v1/systems/" + provider + "/endpoints/keyed";
            int port = fixture.stub().port();
            List<String> moves = List.of(
                    elsewhere.uri("/api").toString(),            // another port
                    "http://localhost:" + port + "/api",         // another host name for the same port
                    "https://127.0.0.1:" + port + "/api");       // another scheme
            for (String address : moves) {
                Map<String, Object> moved = Api.httpEndpoint("keyed", address);
                moved.put("auth", Map.of("type", "api_key", "header", "X-Api-Key"));
                Api.invalidField(Api.json().header("If-Match", Api.etag(path)).body(moved).put(path).then(),
                        "auth.secret", "secret-required-on-move");
            }
            Api.given().get(path).then().statusCode(200).body("address", equalTo(original));
            fixture.asConsumer().get(fixture.url("keyed-records", "/records/2")).then().statusCode(200).body("at", equalTo("a"));
            assertEquals(0, elsewhere.hits(), "nothing reached the other host");

            // Another path on the same origin keeps the secret.
            Map<String, Object> samePlace = Api.httpEndpoint("keyed", fixture.stub().uri("/api/v2").toString());
            samePlace.put("auth", Map.of("type", "api_key", "header", "X-Api-Key"));
            Api.json().header("If-Match", Api.etag(path)).body(samePlace).put(path).then().statusCode(200).body("auth.secretSet", equalTo(true));

            // Moving with a secret of its own is fine, and only that secret goes there.
            Map<String, Object> withSecret = Api.httpEndpoint("keyed", elsewhere.uri("/api").toString());
            withSecret.put("auth", Map.of("type", "api_key", "header", "X-Api-Key", "secret", "b-own-key"));
            Api.json().header("If-Match", Api.etag(path)).body(withSecret).put(path).then().statusCode(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    "b".equals(fixture.asConsumer().get(fixture.url("keyed-records", "/records/3")).then().statusCode(200)
                            .extract().path("at")));
            assertTrue(elsewhere.received().stream().allMatch(r -> "b-own-key".equals(r.headers().get("X-Api-Key"))));
        }
    }

    @Test
    void anOAuth2ClientSecretIsNeverSentToAnotherTokenUrl() throws Exception {
        try (ProviderFixture fixture = new ProviderFixture("move-oauth", (request, response) -> response.end("{}"))) {
            String path = "/api/v1/systems/" + fixture.provider() + "/endpoints/oauth";
            Map<String, Object> oauth = Api.httpEndpoint("oauth", fixture.stub().uri("/api").toString());
            oauth.put("auth", Map.of("type", "oauth2_client_credentials", "tokenUrl", fixture.stub().uri("/token").toString(),
                    "clientId", "hub", "secret", "client-secret-1"));
            Api.addEndpoint(fixture.provider(), oauth);

            Map<String, Object> moved = Api.httpEndpoint("oauth", fixture.stub().uri("/api").toString());
            moved.put("auth", Map.of("type", "oauth2_client_credentials", "tokenUrl", "http://localhost:" + fixture.stub().port() + "/token",
                    "clientId", "hub"));
            Api.invalidField(Api.json().header("If-Match", Api.etag(path)).body(moved).put(path).then(),
                    "auth.secret", "secret-required-on-move");
            Api.given().get(path).then().statusCode(200).body("auth.tokenUrl", equalTo(fixture.stub().uri("/token").toString()));
        }
    }
}
