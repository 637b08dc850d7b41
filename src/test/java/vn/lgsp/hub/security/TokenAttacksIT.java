package vn.lgsp.hub.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Jwts;
import vn.lgsp.hub.testing.KeycloakServer;
import vn.lgsp.hub.testing.Role;
import vn.lgsp.hub.testing.Tokens;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Tokens the hub must refuse, every one from (or forged from) the real Keycloak: missing,
 * tampered, unsigned, signed with another key, expired, for another audience, from another issuer.
 */
@QuarkusTest
class TokenAttacksIT {

    private static final String PATH = "/api/v1/systems";

    private static void refused(String token) {
        Api.problem(Api.bearer(token).get(PATH).then(), 401, "unauthenticated").header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void aValidTokenIsAcceptedSoTheRefusalsBelowMeanSomething() {
        Api.as(Role.OPERATOR).get(PATH).then().statusCode(200);
    }

    @Test
    void noTokenOrAGarbledOneIsUnauthenticated() {
        Api.problem(Api.anonymous().get(PATH).then(), 401, "unauthenticated");
        Api.problem(Api.anonymous().header("Authorization", "Basic YWRtaW46YWRtaW4=").get(PATH).then(), 401, "unauthenticated");
        refused("not-a-jwt");
        refused("a.b.c");
        refused("x".repeat(9_000));
        Api.problem(Api.anonymous().get("/api/v1/catalogue").then(), 401, "unauthenticated");
        Api.problem(Api.anonymous().get("/api/v1/grants").then(), 401, "unauthenticated");
        Api.problem(Api.anonymous().get("/api/v1/audit").then(), 401, "unauthenticated");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String real = Role.OWNER_A.token();
        refused(Jwts.tamperedPayload(real));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused(Jwts.algNone(Role.ADMIN.token()));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        refused(Jwts.signedWithWrongKey(Role.ADMIN.token()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = Role.OTHER_AUDIENCE.token();
        assertNotEquals("lgsp-hub", Jwts.payload(token).path("aud").asText());
        refused(token);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        // Same Keycloak, same signing key, but asked through another host name: the issuer differs.
        String foreign = Tokens.fresh(KeycloakServer.issuer().replace("127.0.0.1", "localhost"), Role.ADMIN.clientId, Role.ADMIN.secret);
        assertNotEquals(KeycloakServer.issuer(), Jwts.payload(foreign).get("iss").asText());
        refused(foreign);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = Tokens.fresh(KeycloakServer.issuer(), Role.SHORT_LIVED.clientId, Role.SHORT_LIVED.secret);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> Api.bearer(token).get(PATH).statusCode() == 401);
        refused(token);
    }

    @Test
    void healthNeedsNoTokenButMetricsDo() {
        Api.anonymous().get("/q/health/ready").then().statusCode(200);
        Api.anonymous().get("/q/metrics").then().statusCode(401);
        Api.as(Role.OWNER_A).get("/q/metrics").then().statusCode(403);
        Api.as(Role.OPERATOR).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void refusalsAreAudited() {
        String marker = Api.anonymous().get(PATH).then().statusCode(401).extract().header("X-Transaction-Id");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                Api.as(Role.OPERATOR).get("/api/v1/audit?outcome=denied&size=200").then().statusCode(200)
                        .extract().jsonPath().getList("items.transactionId").contains(marker));
        Map<String, Object> entry = Api.as(Role.OPERATOR).get("/api/v1/audit?outcome=denied&size=200").then().extract().jsonPath()
                .getMap("items.find { it.transactionId == '" + marker + "' }");
        org.junit.jupiter.api.Assertions.assertEquals("anonymous", entry.get("actor"));
        org.junit.jupiter.api.Assertions.assertEquals("access.denied", entry.get("action"));
    }
}
