package vn.lgsp.hub.registry;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.stub.StubServer;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code auth.clientAuthentication: post} as connectors/http/README.md documents it, against a
 * token endpoint that accepts client credentials only as form fields (RFC 6749 section 2.3.1).
 */
@QuarkusTest
class OAuth2ClientAuthenticationIT {

    private static final String SECRET = "form-only-secret";

    @Test
    void aFormOnlyTokenEndpointIsServedWithPost() throws Exception {
        try (ProviderFixture fixture = new ProviderFixture("oauth-post", OAuth2ClientAuthenticationIT::formOnlyProvider)) {
            String provider = fixture.provider();
            Map<String, Object> endpoint = Api.httpEndpoint("form", fixture.stub().uri("/api").toString());
            endpoint.put("auth", auth(fixture, "post"));
            Api.addEndpoint(provider, endpoint);
            Api.given().get("/api/v1/systems/" + provider + "/endpoints/form").then().statusCode(200)
                    .body("auth.clientAuthentication", equalTo("post")).body("auth.secretSet", equalTo(true));
            Map<String, Object> service = Api.restService("form-records", "form");
            Api.publish(provider, service);
            Api.grant(fixture.consumer(), provider, "form-records");

            fixture.asConsumer().get(fixture.url("form-records", "/records/1")).then().statusCode(200).body("ok", equalTo(true));
            StubServer.Received token = fixture.stub().received().stream().filter(r -> r.uri().startsWith("/token")).findFirst().orElseThrow();
            assertFalse(token.headers().contains("Authorization"), "the secret went in the form, not in Basic");
            assertTrue(token.body().toString().contains("client_secret=" + SECRET), token.body().toString());
        }
    }

    @Test
    void basicStaysTheDefaultAndOtherValuesAreRefused() throws Exception {
        try (ProviderFixture fixture = new ProviderFixture("oauth-basic", OAuth2ClientAuthenticationIT::formOnlyProvider)) {
            String provider = fixture.provider();
            Map<String, Object> endpoint = Api.httpEndpoint("basic", fixture.stub().uri("/api").toString());
            endpoint.put("auth", auth(fixture, null));
            Api.addEndpoint(provider, endpoint);
            Api.publish(provider, Api.restService("basic-records", "basic"));
            Api.grant(fixture.consumer(), provider, "basic-records");
            // The token endpoint refuses Basic: the call fails upstream, and no data call was made.
            int status = fixture.asConsumer().get(fixture.url("basic-records", "/records/1")).then().extract().statusCode();
            assertTrue(status >= 500, "status " + status);
            assertEquals(0, fixture.stub().received().stream().filter(r -> r.uri().startsWith("/api")).count());

            String path = "/api/v1/systems/" + provider + "/endpoints";
            Map<String, Object> wrong = Api.httpEndpoint("wrong", fixture.stub().uri("/api").toString());
            wrong.put("auth", auth(fixture, "client_secret_jwt"));
            Api.invalidField(Api.json().body(wrong).post(path).then(), "auth.clientAuthentication", "invalid-value");
            Map<String, Object> notOAuth = Api.httpEndpoint("wrong", fixture.stub().uri("/api").toString());
            notOAuth.put("auth", Map.of("type", "api_key", "header", "X-Key", "secret", "k", "clientAuthentication", "post"));
            Api.invalidField(Api.json().body(notOAuth).post(path).then(), "auth.clientAuthentication", "not-applicable");
            // Given as an option it used to be stored and ignored.
            Map<String, Object> misplaced = Api.httpEndpoint("wrong", fixture.stub().uri("/api").toString());
            misplaced.put("auth", auth(fixture, null));
            misplaced.put("options", Map.of("clientAuthentication", "post"));
            Api.invalidField(Api.json().body(misplaced).post(path).then(), "options.clientAuthentication", "misplaced-option");
            Api.given().get(path + "/wrong").then().statusCode(404);
        }
    }

    private static Map<String, Object> auth(ProviderFixture fixture, String clientAuthentication) {
        Map<String, Object> auth = new HashMap<>(Map.of("type", "oauth2_client_credentials", "clientId", "hub-client",
                "secret", SECRET));
        auth.put("tokenUrl", fixture.stub().uri("/token").toString());
        if (clientAuthentication != null) {
            auth.put("clientAuthentication", clientAuthentication);
        }
        return auth;
    }

    /** Tokens only for form credentials; data only with such a token. */
    private static void formOnlyProvider(StubServer.Received request, io.vertx.core.http.HttpServerResponse response) {
        response.putHeader("Content-Type", "application/json");
        if (request.uri().startsWith("/token")) {
            String form = request.body().toString();
            if (request.headers().contains("Authorization") || !form.contains("client_id=hub-client") || !form.contains("client_secret=" + SECRET)) {
                response.setStatusCode(401).end("{\"error\":\"invalid_client\"}");
            } else {
                response.end("{\"access_token\":\"tok-from-form\",\"token_type\":\"Bearer\",\"expires_in\":300}");
            }
        } else if ("Bearer tok-from-form".equals(request.headers().get("Authorization"))) {
            response.end("{\"ok\":true}");
        } else {
            response.setStatusCode(401).end("{\"error\":\"no token\"}");
        }
    }
}
