package vn.lgsp.hub.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import io.quarkus.test.common.http.TestHTTPResource;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ConsoleAccount;
import vn.lgsp.hub.testing.Database;
import vn.lgsp.hub.testing.LogCapture;
import vn.lgsp.hub.testing.Role;
import vn.lgsp.hub.testing.TokenIdentification;
import vn.lgsp.hub.testing.Tokens;
import vn.lgsp.hub.testing.stub.StubServer;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients written the way systems calling today's LGSPs are written, unchanged, against the hub
 * through real Keycloak: one with the {@code lgspaccesstoken} header, finance headers and the
 * answer envelope; one WSO2-style, with HTTP Basic and {@code /{context}/{version}/{resource}}.
 * Every refusal is asserted with its answer and with nothing having reached the provider.
 */
@QuarkusTest
@TestProfile(TokenIdentification.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompatIT {

    private static final String AGENCY = "000.00.00.H30";

    @TestHTTPResource("/")
    URL base;
    private Vertx vertx;
    private StubServer stub;
    private String provider;
    private String context;
    private String receiverCode;
    private Client legacy;
    private Client other;

    /** A consumer system with its own integrator client in Keycloak. */
    private record Client(String code, String clientId, String secret, String financeCode) {
        String lgspAccessToken(String partnerCode) {
            return lgspAccessToken(clientId, secret, partnerCode);
        }

        static String lgspAccessToken(String accessKey, String secretKey, String partnerCode) {
            String json = "{\"AccessKey\":\"" + accessKey + "\",\"SecretKey\":\"" + secretKey + "\",\"AppName\":\"motcua\","
                    + "\"PartnerCode\":\"" + partnerCode + "\",\"PartnerCodeCus\":\"" + partnerCode + "\"}";
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        if (vertx != null) {
            return;
        }
        vertx = Vertx.vertx();
        stub = StubServer.start(vertx, (request, response) -> response.putHeader("Content-Type", "application/json")
                .end("{\"error_code\":\"0\",\"message\":\"ok\",\"result\":{\"path\":\"" + request.uri() + "\"}}"));
        provider = Api.uniqueCode("csdl-dn");
        Api.jsonAs(Role.OWNER_B).body(Api.system(provider)).post("/api/v1/systems").then().statusCode(201);
        Api.jsonAs(Role.OWNER_B).body(Map.of("action", "submit")).post("/api/v1/systems/" + provider + "/lifecycle").then().statusCode(200);
        Api.json().body(Map.of("action", "approve")).post("/api/v1/systems/" + provider + "/lifecycle").then().statusCode(200);
        Api.jsonAs(Role.OWNER_B).body(Api.httpEndpoint("main", stub.uri("/api").toString()))
                .post("/api/v1/systems/" + provider + "/endpoints").then().statusCode(201);
        Map<String, Object> service = Api.restService("doanh-nghiep", "main");
        service.put("httpMethod", "*");
        service.put("pathPattern", "/**");
        Api.jsonAs(Role.OWNER_B).body(service).post("/api/v1/systems/" + provider + "/services").then().statusCode(201);
        Api.jsonAs(Role.OWNER_B).body(Map.of("action", "publish"))
                .post("/api/v1/systems/" + provider + "/services/doanh-nghiep/1.0/lifecycle").then().statusCode(200);
        context = "apiCSDLDKDN" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Api.jsonAs(Role.OWNER_B).body(Map.of("context", context, "tranCode", "DKDN01"))
                .put("/api/v1/systems/" + provider + "/compatibility/services/doanh-nghiep").then().statusCode(200)
                .body("context", equalTo(context)).body("tranCode", equalTo("DKDN01")).body("updatedBy", equalTo("lgsp-owner-b"));
        receiverCode = provider.toUpperCase();

        legacy = consumer(true);
        other = consumer(false);
    }

    private Client consumer(boolean enable) {
        String code = Api.activeSystem(Api.uniqueCode("motcua"));
        String clientId = "client-" + code;
        String secret = Tokens.createIntegrator(clientId);
        Api.mapClient(code, clientId);
        Api.grant(code, provider, "doanh-nghiep");
        String financeCode = "MC" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        if (enable) {
            Api.json().body(Map.of("lgspAccessToken", true, "wso2", true, "financeHeaders", true, "envelope", true,
                            "partnerCode", AGENCY, "financeCode", financeCode))
                    .put("/api/v1/systems/" + code + "/compatibility").then().statusCode(200)
                    .body("lgspAccessToken", equalTo(true)).body("partnerCode", equalTo(AGENCY));
        }
        return new Client(code, clientId, secret, financeCode);
    }

    @AfterAll
    void tearDown() throws Exception {
        stub.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static RequestSpecification tokenRequest() {
        return Api.anonymous().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials");
    }

    private String lgspToken(Client client) {
        return tokenRequest().header("lgspaccesstoken", client.lgspAccessToken(AGENCY)).post("/token").then().statusCode(200)
                .header("Cache-Control", "no-store").body("token_type", equalTo("Bearer"))
                .extract().path("access_token");
    }

    private RequestSpecification financeCall(Client client, String bearer) {
        return financeCall(client, bearer, client.financeCode(), receiverCode, "DKDN01");
    }

    private RequestSpecification financeCall(Client client, String bearer, String sender, String receiver, String tranCode) {
        return Api.bearer(bearer).header("lgspaccesstoken", client.lgspAccessToken(AGENCY))
                .header("SENDER_CODE", sender).header("RECEIVER_CODE", receiver).header("TRAN_CODE", tranCode)
                .contentType("application/json").body(Map.of("data", Map.of("maSoDoanhNghiep", "0312345678")));
    }

    @Test
    void anLgspClientGetsItsTokenAndCallsWithFinanceHeaders() throws Exception {
        String bearer = lgspToken(legacy);
        int before = stub.hits();

        Response answer = financeCall(legacy, bearer).post("/gateway");

        answer.then().statusCode(200).body("error_code", equalTo("0")).body("result.path", equalTo("/api/"));
        String msgId = answer.header("MSG_ID");
        assertNotNull(msgId, "a MSG_ID is generated when the client sends none, and echoed");
        assertEquals(before + 1, stub.hits());
        StubServer.Received received = stub.last();
        assertNull(received.headers().get("lgspaccesstoken"), "the second credential never reaches the provider");
        assertNull(received.headers().get("Authorization"));
        assertEquals(msgId, received.headers().get("MSG_ID"));
        assertEquals(legacy.financeCode(), received.headers().get("SENDER_CODE"));
        assertTrue(received.body().toString().contains("0312345678"), "the body passes as the client wrote it");
        assertEquals("lgsp-token+finance", ledgerProfile(answer.header("X-Transaction-Id"), legacy.code()));

        Api.bearer(bearer).header("lgspaccesstoken", legacy.lgspAccessToken(AGENCY)).header("MSG_ID", "req-42")
                .header("SENDER_CODE", legacy.financeCode()).header("RECEIVER_CODE", receiverCode).header("TRAN_CODE", "dkdn01")
                .post("/gateway").then().statusCode(200).header("MSG_ID", equalTo("req-42"));
        assertEquals("req-42", stub.last().headers().get("MSG_ID"));
    }

    @Test
    void aWso2ClientUsesBasicCredentialsAndContextPaths() throws Exception {
        JsonPath token = tokenRequest().auth().preemptive().basic(legacy.clientId(), legacy.secret()).post("/token").then()
                .statusCode(200).body("token_type", equalTo("Bearer")).extract().jsonPath();
        assertTrue(token.getLong("expires_in") > 0);
        assertNotNull(token.getString("scope"));
        int before = stub.hits();

        Response answer = Api.bearer(token.getString("access_token")).queryParam("maSoDN", "0312345678")
                .get("/" + context + "/1.0/chiTietDoanhNghiep");

        answer.then().statusCode(200).body("result.path", equalTo("/api/chiTietDoanhNghiep?maSoDN=0312345678"));
        assertEquals(before + 1, stub.hits());
        assertEquals("wso2", ledgerProfile(answer.header("X-Transaction-Id"), legacy.code()));

        String formToken = tokenRequest().formParam("client_id", legacy.clientId()).formParam("client_secret", legacy.secret())
                .post("/token").then().statusCode(200).extract().path("access_token");
        Api.bearer(formToken).get("/" + context.toUpperCase() + "/1.0/chiTietDoanhNghiep").then().statusCode(200);
        Api.bearer(formToken).get("/" + context + "/2.0/chiTietDoanhNghiep").then().statusCode(404);
        assertEquals(before + 2, stub.hits(), "a version the service does not have reaches nobody");
    }

    @Test
    void theHubsOwnApiIsUnchanged() {
        Api.bearer(Tokens.of(legacy.clientId(), legacy.secret())).get("/share/" + provider + "/doanh-nghiep/x").then().statusCode(200)
                .contentType(startsWith("application/json"));
        Api.anonymous().get("/" + context + "x/1.0/a").then().statusCode(404);
        Api.anonymous().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void badLgspTokensAreRefusedAtTheTokenEndpoint() {
        int before = stub.hits();
        Api.problem(tokenRequest().header("lgspaccesstoken", "not base64 !").post("/token").then(), 400, "lgsp-token-malformed")
                .body("field", equalTo("lgspaccesstoken"));
        String noSecret = Base64.getEncoder().encodeToString(("{\"AccessKey\":\"" + legacy.clientId() + "\"}").getBytes(StandardCharsets.UTF_8));
        Api.problem(tokenRequest().header("lgspaccesstoken", noSecret).post("/token").then(), 400, "lgsp-token-malformed");
        String notObject = Base64.getEncoder().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8));
        Api.problem(tokenRequest().header("lgspaccesstoken", notObject).post("/token").then(), 400, "lgsp-token-malformed");
        Api.problem(tokenRequest().header("lgspaccesstoken", Client.lgspAccessToken(legacy.clientId(), "wrong-secret", AGENCY))
                .post("/token").then(), 401, "token-refused");
        Api.problem(tokenRequest().header("lgspaccesstoken", Client.lgspAccessToken("nobody-" + legacy.clientId(), "x", AGENCY))
                .post("/token").then(), 401, "token-refused");
        Api.problem(tokenRequest().header("lgspaccesstoken", legacy.lgspAccessToken("0.0.H99")).post("/token").then(), 403,
                "partner-code-mismatch");
        Api.problem(Api.anonymous().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .auth().preemptive().basic(legacy.clientId(), legacy.secret()).post("/token").then(), 400, "token-request-invalid")
                .body("field", equalTo("grant_type"));
        Api.problem(tokenRequest().auth().preemptive().basic(legacy.clientId(), legacy.secret())
                .formParam("client_id", legacy.clientId()).post("/token").then(), 400, "token-request-invalid");
        Api.problem(tokenRequest().post("/token").then(), 401, "token-refused");
        Api.problem(tokenRequest().formParam("scope", "x".repeat(9000)).post("/token").then(), 413, "payload-too-large");
        Api.problem(Api.anonymous().get("/token").then(), 405, "method-not-allowed");
        assertEquals(before, stub.hits());
    }

    @Test
    void aProfileThatIsOffRefusesItsConventions() {
        int before = stub.hits();
        Api.problem(tokenRequest().auth().preemptive().basic(other.clientId(), other.secret()).post("/token").then(), 403,
                "profile-not-enabled");
        String bearer = Tokens.of(other.clientId(), other.secret());
        Api.problem(Api.bearer(bearer).get("/" + context + "/1.0/chiTietDoanhNghiep").then(), 403, "profile-not-enabled");
        Api.problem(Api.bearer(bearer).header("lgspaccesstoken", other.lgspAccessToken(AGENCY))
                .get("/share/" + provider + "/doanh-nghiep/x").then(), 403, "profile-not-enabled");
        Api.problem(Api.bearer(bearer).header("RECEIVER_CODE", receiverCode).header("TRAN_CODE", "DKDN01").post("/gateway").then(), 403,
                "profile-not-enabled");
        assertEquals(before, stub.hits());
    }

    @Test
    void forgedConventionsAreRefusedInTheEnvelope() {
        String bearer = lgspToken(legacy);
        int before = stub.hits();

        envelope(Api.bearer(bearer).header("lgspaccesstoken", other.lgspAccessToken(AGENCY)).header("RECEIVER_CODE", receiverCode)
                .header("TRAN_CODE", "DKDN01").post("/gateway"), 403, "lgsp-token-mismatch");
        envelope(financeCall(legacy, bearer, other.financeCode(), receiverCode, "DKDN01").post("/gateway"), 403, "sender-code-mismatch");
        envelope(financeCall(legacy, bearer, legacy.code(), receiverCode, "DKDN01").post("/gateway"), 403, "sender-code-mismatch");
        envelope(financeCall(legacy, bearer).header("SENDER_CODE", other.financeCode()).post("/gateway"), 400, "header-rejected");
        envelope(financeCall(legacy, bearer, legacy.financeCode(), receiverCode, "NOPE99").post("/gateway"), 404, "address-not-found");
        envelope(financeCall(legacy, bearer, legacy.financeCode(), "NOBODY", "DKDN01").post("/gateway"), 404, "address-not-found");
        envelope(Api.bearer(bearer).header("lgspaccesstoken", legacy.lgspAccessToken(AGENCY)).post("/gateway"), 400, "header-rejected");
        envelope(Api.bearer(bearer).header("lgspaccesstoken", legacy.lgspAccessToken(AGENCY)).header("SENDER_CODE", legacy.financeCode())
                .get("/share/" + provider + "/doanh-nghiep/x/../../etc"), 400, "path-rejected");
        Response unauthenticated = Api.anonymous().header("lgspaccesstoken", legacy.lgspAccessToken(AGENCY))
                .header("RECEIVER_CODE", receiverCode).header("TRAN_CODE", "DKDN01").post("/gateway");
        envelope(unauthenticated, 401, "unauthenticated");
        assertEquals(before, stub.hits(), "no forged convention reached the provider");
    }

    private static void envelope(Response response, int status, String code) {
        response.then().statusCode(status).contentType(startsWith("application/json"))
                .body("error_code", equalTo("-1")).body("result", equalTo(null))
                .body("message", startsWith(code + ":"))
                .body("transaction_id", equalTo(response.header("X-Transaction-Id")));
    }

    @Test
    void onlyAdminsSetProfilesAndOnlyOwnersTheirServicesAddresses() {
        Api.problem(Api.jsonAs(Role.OWNER_A).body(Map.of("wso2", true)).put("/api/v1/systems/" + other.code() + "/compatibility").then(),
                403, "forbidden");
        Api.json().get("/api/v1/systems/" + other.code() + "/compatibility").then().statusCode(200)
                .body("wso2", equalTo(false)).body("lgspAccessToken", equalTo(false));
        Api.problem(Api.jsonAs(Role.OWNER_A).body(Map.of("context", "stolen" + context))
                .put("/api/v1/systems/" + provider + "/compatibility/services/doanh-nghiep").then(), 403, "forbidden");
        Api.invalidField(Api.jsonAs(Role.OWNER_B).body(Map.of("context", "api"))
                .put("/api/v1/systems/" + provider + "/compatibility/services/doanh-nghiep").then(), "context", "reserved");
        Api.invalidField(Api.jsonAs(Role.OWNER_B).body(Map.of("context", "Token"))
                .put("/api/v1/systems/" + provider + "/compatibility/services/doanh-nghiep").then(), "context", "reserved");
        Api.invalidField(Api.json().body(Map.of("lgspAccessToken", true)).put("/api/v1/systems/" + other.code() + "/compatibility").then(),
                "partnerCode", "required");
        Api.invalidField(Api.json().body(Map.of("partnerCode", "0.0.H30; DROP")).put("/api/v1/systems/" + other.code() + "/compatibility")
                .then(), "partnerCode", "invalid-format");

        String second = Api.uniqueCode("csdl-khac");
        Api.jsonAs(Role.OWNER_B).body(Api.system(second)).post("/api/v1/systems").then().statusCode(201);
        Api.jsonAs(Role.OWNER_B).body(Api.httpEndpoint("main", stub.uri("/api").toString()))
                .post("/api/v1/systems/" + second + "/endpoints").then().statusCode(201);
        Api.jsonAs(Role.OWNER_B).body(Api.restService("khac", "main")).post("/api/v1/systems/" + second + "/services").then().statusCode(201);
        Api.problem(Api.jsonAs(Role.OWNER_B).body(Map.of("context", context.toLowerCase()))
                .put("/api/v1/systems/" + second + "/compatibility/services/khac").then(), 409, "address-taken")
                .body("field", equalTo("context"));
        Api.problem(Api.jsonAs(Role.OWNER_B).body(Map.of("context", "x" + context))
                .put("/api/v1/systems/" + second + "/compatibility/services/nope").then(), 404, "service-not-found");
    }

    @Test
    void theConsoleShowsEachConsumersConventions() {
        Map<String, String> session = ConsoleAccount.OPERATOR.logIn(base.toString());
        String page = Api.anonymous().cookies(session).get("/console/connections/" + legacy.code()).then().statusCode(200)
                .extract().asString();
        String shown = page.substring(page.indexOf("id=\"compat-profile\""), page.indexOf("</dd>", page.indexOf("id=\"compat-profile\"")));
        assertTrue(shown.contains("lgspaccesstoken (PartnerCode " + AGENCY + ")") && shown.contains("SENDER_CODE " + legacy.financeCode()), shown);
        String off = Api.anonymous().cookies(session).get("/console/connections/" + other.code()).then().statusCode(200).extract().asString();
        String none = off.substring(off.indexOf("id=\"compat-profile\""), off.indexOf("</dd>", off.indexOf("id=\"compat-profile\"")));
        assertFalse(none.contains("lgspaccesstoken") || none.contains("WSO2") || none.contains("SENDER_CODE"), "a profile that is off lists nothing: " + none);
    }

    @Test
    void theSecretKeyAppearsNowhere() throws Exception {
        String marker = "s3cr3t-" + System.nanoTime();
        try (LogCapture logs = new LogCapture("vn.lgsp.hub")) {
            tokenRequest().header("lgspaccesstoken", Client.lgspAccessToken(legacy.clientId(), marker, AGENCY)).post("/token")
                    .then().statusCode(401);
            String bearer = lgspToken(legacy);
            Response refused = Api.bearer(bearer).header("lgspaccesstoken", Client.lgspAccessToken(other.clientId(), marker, AGENCY))
                    .header("RECEIVER_CODE", receiverCode).header("TRAN_CODE", "DKDN01").post("/gateway");
            refused.then().statusCode(403);
            assertFalse(refused.asString().contains(marker));
            Api.bearer(bearer).header("lgspaccesstoken", Client.lgspAccessToken(legacy.clientId(), marker, AGENCY))
                    .header("RECEIVER_CODE", receiverCode).header("TRAN_CODE", "DKDN01").post("/gateway").then().statusCode(200);
            assertFalse(stub.last().headers().toString().contains(marker));
            String encoded = Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
            for (String line : logs.lines()) {
                assertFalse(line.contains(marker) || line.contains(encoded), "log line with the SecretKey: " + line);
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM audit_log WHERE target LIKE 'POST /token%' AND occurred_at > now() - interval '1 minute'") > 0);
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE details::text LIKE '%" + marker + "%' OR target LIKE '%" + marker + "%'"));
        assertEquals(0, count("SELECT count(*) FROM ledger_entry WHERE fault LIKE '%" + marker + "%' OR path_pattern LIKE '%" + marker + "%'"));
    }

    private static long count(String sql) throws Exception {
        try (Connection db = Database.superuser(); ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String ledgerProfile(String transactionId, String consumer) {
        List<Map<String, Object>> items = Api.given().queryParam("transactionId", transactionId).get("/api/v1/transactions").then()
                .statusCode(200).extract().path("items");
        assertEquals(1, items.size(), "one ledger row for " + transactionId);
        Map<String, Object> row = new HashMap<>(items.get(0));
        assertEquals(consumer, row.get("consumer"), "the call is in the ledger under the consumer that made it");
        return (String) row.get("clientProfile");
    }
}
