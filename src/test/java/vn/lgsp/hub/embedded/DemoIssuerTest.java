package vn.lgsp.hub.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo issuer's console log-in: the authorization code flow with PKCE against the real (tiny)
 * issuer over HTTP, as Quarkus OIDC's web-app tenant walks it in the one-command run.
 */
class DemoIssuerTest {

    private static final String REDIRECT = "http://localhost:8080/console/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-demo-verifier";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static DemoIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = DemoIssuer.start(data, 0);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void aTokenMadeBeforeARestartStillVerifiesAfterIt(@TempDir Path own) throws Exception {
        DemoIssuer before = DemoIssuer.start(own, 0);
        String token;
        JsonNode keysBefore;
        try {
            HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(before.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("demo-operator:" + before.secrets().get("demo-operator")).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, issued.statusCode(), issued.body());
            token = JSON.readTree(issued.body()).get("access_token").asText();
            keysBefore = JSON.readTree(get(before.issuer() + "/protocol/openid-connect/certs").body()).get("keys").get(0);
        } finally {
            before.close();
        }
        assertEquals(java.util.Set.of("rw-------"), java.util.Set.of(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(own.resolve("demo-signing-key.der")))), "the key is its owner's alone");
        DemoIssuer after = DemoIssuer.start(own, 0);
        try {
            JsonNode key = JSON.readTree(get(after.issuer() + "/protocol/openid-connect/certs").body()).get("keys").get(0);
            assertEquals(keysBefore, key, "the same key, under the same id");
            String[] parts = token.split("\\.");
            assertEquals(key.get("kid").asText(), JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).get("kid").asText());
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initVerify(java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(
                    new java.math.BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText())),
                    new java.math.BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText())))));
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "the token issued before the restart verifies after it");
        } finally {
            after.close();
        }
    }

    @Test
    void discoveryAnnouncesTheCodeFlowWithS256() throws Exception {
        JsonNode doc = JSON.readTree(get(issuer.issuer() + "/.well-known/openid-configuration").body());
        assertEquals(issuer.issuer() + "/protocol/openid-connect/auth", doc.get("authorization_endpoint").asText());
        assertTrue(doc.get("code_challenge_methods_supported").toString().contains("S256"));
        assertTrue(doc.get("end_session_endpoint").asText().endsWith("/logout"));
    }

    @Test
    void theLogInPageListsTheDemoUsersAndRefusesRequestsWithoutPkce() throws Exception {
        HttpResponse<String> page = get(authorize(Map.of("code_challenge", DemoLogin.s256(VERIFIER), "code_challenge_method", "S256")));
        assertEquals(200, page.statusCode());
        for (DemoLogin.User user : DemoLogin.USERS) {
            assertTrue(page.body().contains("id=\"demo-" + user.username() + "\""), user.username());
        }
        assertEquals(400, get(authorize(Map.of())).statusCode());
        assertEquals(400, get(authorize(Map.of("code_challenge", "x", "code_challenge_method", "plain"))).statusCode());
        // codes go only to this machine
        assertEquals(400, get(authorize(Map.of("code_challenge", "x", "code_challenge_method", "S256"))
                .replace(URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8), URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8)))
                .statusCode());
    }

    @Test
    void aCodeBecomesTokensOnlyWithTheRightVerifierAndOnlyOnce() throws Exception {
        String code = choose("owner");
        assertEquals(400, redeem(code, "wrong-verifier-wrong-verifier-wrong-verifier-0000").statusCode());
        assertEquals(400, redeem(code, VERIFIER).statusCode(), "a code is spent by its first redemption, even a failed one");

        String second = choose("owner");
        HttpResponse<String> tokens = redeem(second, VERIFIER);
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode answer = JSON.readTree(tokens.body());
        JsonNode id = claims(answer.get("id_token").asText());
        assertEquals(DemoIssuer.CONSOLE_CLIENT, id.get("aud").asText());
        assertEquals("demo-nonce", id.get("nonce").asText());
        assertEquals("demo-org", id.get("org").asText());
        JsonNode access = claims(answer.get("access_token").asText());
        assertEquals("system_owner", access.get("realm_access").get("roles").get(0).asText());
        assertEquals("owner", access.get("preferred_username").asText());
        assertEquals(400, redeem(second, VERIFIER).statusCode(), "no replay");
    }

    @Test
    void logoutSendsTheBrowserBackToThisMachineOnly() throws Exception {
        String logout = issuer.issuer() + "/protocol/openid-connect/logout?post_logout_redirect_uri="
                + URLEncoder.encode("http://localhost:8080/console/signed-out", StandardCharsets.UTF_8);
        assertEquals("http://localhost:8080/console/signed-out", get(logout).headers().firstValue("Location").orElseThrow());
        assertEquals(200, get(issuer.issuer() + "/protocol/openid-connect/logout?post_logout_redirect_uri=https%3A%2F%2Fevil.example")
                .statusCode());
    }

    private String choose(String username) throws Exception {
        Map<String, String> fields = Map.of("response_type", "code", "client_id", DemoIssuer.CONSOLE_CLIENT, "redirect_uri", REDIRECT,
                "state", "st-1", "nonce", "demo-nonce", "code_challenge", DemoLogin.s256(VERIFIER), "code_challenge_method", "S256",
                "username", username);
        HttpResponse<String> chosen = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + "/protocol/openid-connect/auth"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, chosen.statusCode());
        String location = chosen.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?code=") && location.endsWith("&state=st-1"), location);
        return location.substring((REDIRECT + "?code=").length(), location.indexOf("&state="));
    }

    private HttpResponse<String> redeem(String code, String verifier) throws Exception {
        String basic = Base64.getEncoder().encodeToString((DemoIssuer.CONSOLE_CLIENT + ":" + issuer.secrets().get(DemoIssuer.CONSOLE_CLIENT))
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.tokenUrl())).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT, "code_verifier", verifier)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String authorize(Map<String, String> pkce) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("response_type", "code", "client_id", DemoIssuer.CONSOLE_CLIENT,
                "redirect_uri", REDIRECT, "state", "st-1"));
        fields.putAll(pkce);
        return issuer.issuer() + "/protocol/openid-connect/auth?" + form(fields);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
