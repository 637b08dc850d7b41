package vn.lgsp.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ConsoleAccount;
import vn.lgsp.hub.testing.KeycloakServer;
import vn.lgsp.hub.testing.LogCapture;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.Role;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's log-in (OIDC authorization code flow with PKCE through the real Keycloak), its
 * server-side guard page by page and role by role (the role matrix in the README), ownership by
 * {@code ownerOrg}, owner actions running with the signed-in identity, its CSRF check, logout,
 * languages and escaping, over plain HTTP.
 */
@QuarkusTest
class ConsoleAccessIT {

    static final String AGENCY = "Sở Tư pháp tỉnh Cà Mau";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Map<ConsoleAccount, Map<String, String>> SESSIONS = new EnumMap<>(ConsoleAccount.class);

    @TestHTTPResource("/")
    URL base;
    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /** A request with {@code account}'s console session (signed in once per run), not following redirects. */
    RequestSpecification as(ConsoleAccount account) {
        Map<String, String> cookies;
        synchronized (SESSIONS) {
            cookies = SESSIONS.computeIfAbsent(account, a -> a.logIn(base.toString()));
        }
        return noRedirects().cookies(cookies);
    }

    static RequestSpecification noRedirects() {
        return RestAssured.given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false))
                .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8)));
    }

    @Test
    void visitorsAreSentToTheIdentityProviderWithPkceAndTheApiStaysBearerOnly() {
        String location = noRedirects().get("/console/overview").then().statusCode(302).extract().header("Location");
        assertTrue(location.startsWith(KeycloakServer.issuer() + "/protocol/openid-connect/auth?"), location);
        assertTrue(location.contains("client_id=lgsp-console"), location);
        assertTrue(location.contains("code_challenge_method=S256") && location.contains("code_challenge="), location);
        assertTrue(location.contains("redirect_uri=" + java.net.URLEncoder.encode(base + "console/callback", StandardCharsets.UTF_8)), location);
        // a console session is no credential for the API, which still wants a bearer token
        as(ConsoleAccount.ADMIN).get("/api/v1/catalogue").then().statusCode(401).body("code", equalTo("unauthenticated"));
        // nor is a bearer token a console session
        Api.as(Role.ADMIN).redirects().follow(false).get("/console/overview").then().statusCode(302);
    }

    @Test
    void operatorsWatchButCannotReachOwnerPages() {
        for (String page : new String[] {"/console/overview", "/console/connections", "/console/traffic"}) {
            as(ConsoleAccount.OPERATOR).get(page).then().statusCode(200).contentType(startsWith("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    // a form may lead to the provider (sign-out), and nowhere else
                    .header("Content-Security-Policy", containsString("form-action 'self' " + URI.create(KeycloakServer.issuer()).getScheme()
                            + "://" + URI.create(KeycloakServer.issuer()).getRawAuthority() + ";"))
                    .body(containsString("console-operator"));
        }
        as(ConsoleAccount.OPERATOR).get("/console").then().statusCode(303).header("Location", endsWith("/console/overview"));
        // the overview says which systems need attention (or that none does)
        as(ConsoleAccount.OPERATOR).get("/console/overview").then().body(containsString("id=\"attention-h\""));
        as(ConsoleAccount.OPERATOR).get("/console/traffic/export").then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("\uFEFFMã giao dịch,Mã giao dịch của bên gọi,Thời điểm nhận,Hệ thống khai thác,"));
        as(ConsoleAccount.OPERATOR).get("/console/live/snapshot").then().statusCode(200).body("labels.size()", equalTo(30));
        for (String page : new String[] {"/console/owner", "/console/owner/grants"}) {
            as(ConsoleAccount.OPERATOR).accept("text/html").get(page).then().statusCode(403).contentType(startsWith("text/html"))
                    .body(containsString("console-forbidden"));
        }
        as(ConsoleAccount.OWNER_A).accept("application/json").get("/console/live/snapshot").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("console-forbidden"));
        // operators' pages carry no forms (so no CSRF token); the role alone refuses these posts
        as(ConsoleAccount.OPERATOR).formParam("_csrf", "x").formParam("code", Api.uniqueCode("op")).post("/console/owner/systems")
                .then().statusCode(403);
        as(ConsoleAccount.OPERATOR).formParam("_csrf", "x").formParam("consumerSystem", "a").post("/console/owner/grants")
                .then().statusCode(403);
        as(ConsoleAccount.INTEGRATOR).get("/console").then().statusCode(403);
    }

    @Test
    void operatorsReadTheAuditTrailFilteredOwnersDoNot() {
        String code = Api.uniqueCode("audited");
        Api.jsonAs(Role.OWNER_A).body(Api.system(code)).post("/api/v1/systems").then().statusCode(201);
        as(ConsoleAccount.OPERATOR).get("/console/audit?system=" + code).then().statusCode(200)
                .body(containsString(code)).body(containsString("data-outcome=\"done\"")).body(containsString(Role.OWNER_A.clientId));
        as(ConsoleAccount.OPERATOR).get("/console/audit?system=" + code + "&outcome=denied").then().statusCode(200)
                .body(not(containsString("data-outcome=\"done\"")));
        // a bad filter is the API's problem, shown on the page, not a failure
        as(ConsoleAccount.OPERATOR).get("/console/audit?action=DROP%20TABLE").then().statusCode(200)
                .body(containsString("invalid-parameter")).body(not(containsString("data-seq=")));
        as(ConsoleAccount.OWNER_A).get("/console/audit").then().statusCode(403);
        // codes typed in capitals or with spaces still find the system; the same search exports for Excel
        as(ConsoleAccount.OPERATOR).queryParam("system", " " + code.toUpperCase(java.util.Locale.ROOT) + " ").get("/console/audit").then()
                .statusCode(200).body(containsString("data-outcome=\"done\"")).body(containsString("id=\"audit-export\""));
        String csv = as(ConsoleAccount.OPERATOR).get("/console/audit/export?system=" + code).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("\uFEFFThời điểm,Người thực hiện,"), csv);
        assertTrue(csv.contains("Đã thực hiện") && csv.contains(code), csv);
        assertTrue(java.util.regex.Pattern.compile("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}").matcher(csv).find(), "local dates: " + csv);
        String english = as(ConsoleAccount.OPERATOR).cookie("lgsp-console-lang", "en").get("/console/audit/export?system=" + code)
                .then().statusCode(200).extract().asString();
        assertTrue(english.startsWith("\uFEFFTime,"), english);
        as(ConsoleAccount.OWNER_A).get("/console/audit/export").then().statusCode(403);
    }

    @Test
    void aSystemsPageChartsItsLatestProbes() {
        String code = Api.uniqueCode("probed");
        Api.jsonAs(Role.OWNER_A).body(Api.system(code)).post("/api/v1/systems").then().statusCode(201);
        Api.addEndpoint(code, Api.httpEndpoint("main", "http://127.0.0.1:9/api"));
        as(ConsoleAccount.OWNER_A).get("/console/connections/" + code).then().statusCode(200)
                .body(containsString("id=\"probe-table\"")).body(not(containsString("data-up=")));
        // probe results as the scheduler writes them: one up, one down
        pool.preparedQuery("INSERT INTO probe_result (endpoint_id, at, up, duration_ms, detail, hub_instance) "
                        + "SELECT e.id, now() - (x.n || ' seconds')::interval, x.up, x.ms, NULL, 'test' FROM endpoint e "
                        + "JOIN information_system s ON s.id = e.system_id, (VALUES (60, true, 12), (30, false, 2000)) AS x(n, up, ms) "
                        + "WHERE s.code = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(code)).await().indefinitely();
        String page = as(ConsoleAccount.OWNER_A).get("/console/connections/" + code).then().statusCode(200).extract().asString();
        assertTrue(page.contains("class=\"line-chart\""), page);
        // the history reads newest first (the chart turns it back so that time runs left to right)
        assertTrue(page.contains("id=\"probe-table\" data-newest-first"), page);
        assertTrue(page.indexOf("data-up=\"false\"") < page.indexOf("data-up=\"true\""), "newest first: " + page);
        assertTrue(page.contains("data-value=\"2000\""), page);
        // and says how the system is connected
        assertTrue(page.contains("id=\"connection-status\" data-status=\""), page);
    }

    @Test
    void ownersManageOnlyTheirOrganisationsSystemsWithTheirOwnIdentity() {
        String mine = Api.uniqueCode("mine");
        Api.jsonAs(Role.OWNER_A).body(withAgency(Api.system(mine), AGENCY)).post("/api/v1/systems").then().statusCode(201)
                .body("ownerOrg", equalTo(Role.ORG_A));
        // same owning agency text, other organisation: ownership follows ownerOrg, not the agency's name
        String theirs = Api.uniqueCode("theirs");
        Api.jsonAs(Role.OWNER_B).body(withAgency(Api.system(theirs), AGENCY)).post("/api/v1/systems").then().statusCode(201);
        as(ConsoleAccount.OWNER_A).get("/console/overview").then().statusCode(403);
        as(ConsoleAccount.OWNER_A).get("/console/connections").then().statusCode(403);
        as(ConsoleAccount.OWNER_A).get("/console/live").then().statusCode(403);
        as(ConsoleAccount.OWNER_A).get("/console/traffic/export").then().statusCode(403);
        as(ConsoleAccount.OWNER_A).get("/console").then().statusCode(303).header("Location", endsWith("/console/owner"));
        as(ConsoleAccount.OWNER_A).get("/console/owner").then().statusCode(200).body(containsString(mine)).body(not(containsString(theirs)))
                .body(containsString(Role.ORG_A));
        as(ConsoleAccount.OWNER_A).get("/console/owner/systems/" + mine).then().statusCode(200);
        as(ConsoleAccount.OWNER_A).get("/console/connections/" + mine).then().statusCode(200);
        as(ConsoleAccount.OWNER_A).get("/console/owner/systems/" + theirs).then().statusCode(403);
        as(ConsoleAccount.OWNER_A).get("/console/connections/" + theirs).then().statusCode(403);
        as(ConsoleAccount.ADMIN).get("/console/owner/systems/" + theirs).then().statusCode(200);

        try (LogCapture log = new LogCapture("vn.lgsp.hub.console")) {
            String token = csrf(as(ConsoleAccount.OWNER_A).get("/console/owner").asString());
            // only the actions valid for the system's status (and the user's role) are offered
            as(ConsoleAccount.OWNER_A).get("/console/owner/systems/" + mine).then()
                    .body(containsString("<option value=\"submit\">")).body(containsString("<option value=\"retire\">"))
                    .body(not(containsString("<option value=\"approve\">"))).body(not(containsString("<option value=\"resume\">")));
            // the API's own rule, applied to the signed-in owner: no approving one's own system
            as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("action", "approve")
                    .post("/console/owner/systems/" + mine + "/lifecycle").then().statusCode(403);
            as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("action", "submit")
                    .post("/console/owner/systems/" + mine + "/lifecycle")
                    .then().statusCode(303).header("Location", containsString("done=lifecycle"));
            Api.given().get("/api/v1/systems/" + mine).then().body("status", equalTo("pending_approval"));
            as(ConsoleAccount.OWNER_A).get("/console/owner/systems/" + mine).then()
                    .body(containsString("id=\"lifecycle-none\"")).body(not(containsString("id=\"lifecycle-form\"")));
            as(ConsoleAccount.ADMIN).get("/console/owner/systems/" + mine).then()
                    .body(containsString("<option value=\"approve\">")).body(containsString("<option value=\"reject\">"))
                    .body(not(containsString("<option value=\"submit\">"))).body(not(containsString("<option value=\"suspend\">")));
            // the audit trail names the person who signed in to the console
            Api.given().queryParam("system", mine).queryParam("action", "system.status_changed").get("/api/v1/audit")
                    .then().statusCode(200).body("items[0].actor", equalTo("console-owner-a"));
            assertFalse(log.lines().stream().anyMatch(l -> l.contains("BlockingOperationNotAllowed")), String.join("\n", log.lines()));
        }
    }

    @Test
    void formsNeedTheUsersCsrfTokenAndOwnersRegisterForTheirOwnOrganisation() {
        String code = Api.uniqueCode("csrf");
        as(ConsoleAccount.OWNER_A).formParam("code", code).post("/console/owner/systems").then().statusCode(403);
        String adminToken = csrf(as(ConsoleAccount.ADMIN).get("/console/owner").asString());
        as(ConsoleAccount.OWNER_A).formParam("_csrf", adminToken).formParam("code", code).post("/console/owner/systems")
                .then().statusCode(403);
        String token = csrf(as(ConsoleAccount.OWNER_A).get("/console/owner").asString());
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("code", code).formParam("nameVi", "Hệ thống <b>thử</b>")
                .formParam("nameEn", "Test").formParam("owningAgency", AGENCY).formParam("scope", "provincial")
                .formParam("securityLevel", "2").post("/console/owner/systems")
                .then().statusCode(303).header("Location", endsWith("/console/owner/systems/" + code + "?done=registered"));
        Api.given().get("/api/v1/systems/" + code).then().statusCode(200).body("ownerOrg", equalTo(Role.ORG_A))
                .body("owningAgency", equalTo(AGENCY));
        as(ConsoleAccount.OWNER_A).get("/console/owner/systems/" + code).then().statusCode(200)
                .body(containsString("Hệ thống &lt;b&gt;thử&lt;/b&gt;")).body(not(containsString("<b>thử</b>")));
        // an owner naming another organisation is refused by the API, and the page says why
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("code", Api.uniqueCode("other")).formParam("nameVi", "x")
                .formParam("nameEn", "x").formParam("owningAgency", AGENCY).formParam("ownerOrg", Role.ORG_B)
                .formParam("scope", "provincial").formParam("securityLevel", "2").post("/console/owner/systems")
                .then().statusCode(303).header("Location", containsString("error=forbidden"));
        // a refused form comes back with the registry's problem code
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("code", code).formParam("nameVi", "x").formParam("nameEn", "x")
                .formParam("owningAgency", AGENCY).formParam("scope", "provincial").formParam("securityLevel", "2")
                .post("/console/owner/systems").then().statusCode(303).header("Location", containsString("error=duplicate-system"));
    }

    /** A link cannot make the hub's own page show someone's text: a problem is shown only under the seal the hub gave it. */
    @Test
    void aPageShowsOnlyProblemsTheHubItselfReported() {
        String token = csrf(as(ConsoleAccount.OWNER_A).get("/console/owner").asString());
        String code = Api.uniqueCode("seal");
        Api.jsonAs(Role.OWNER_A).body(Api.system(code)).post("/api/v1/systems").then().statusCode(201);
        String location = as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("code", code).formParam("nameVi", "x")
                .formParam("nameEn", "x").formParam("owningAgency", AGENCY).formParam("scope", "provincial")
                .formParam("securityLevel", "2").post("/console/owner/systems").then().statusCode(303)
                .header("Location", containsString("seal=")).extract().header("Location");
        String query = location.substring(location.indexOf('?'));
        as(ConsoleAccount.OWNER_A).get("/console/owner" + query).then().statusCode(200)
                .body(containsString("role=\"alert\"")).body(containsString("duplicate-system"))
                // said in Vietnamese, with the field's label
                .body(containsString("đã có hệ thống với mã này (trường “Mã”)"));
        for (String crafted : new String[] {"?error=Goi-ngay-0912345678&field=hotline", "?error=duplicate-system&field=code",
                query.replace("duplicate-system", "forbidden"), query.replace("field=code", "field=hotline")}) {
            as(ConsoleAccount.OWNER_A).get("/console/owner" + crafted).then().statusCode(200)
                    .body(not(containsString("role=\"alert\""))).body(not(containsString("0912345678"))).body(not(containsString("hotline")));
        }
    }

    /**
     * The overview and a system's page cover the days picked (to included): the system page counts
     * exactly that provider's calls, the overview agrees with the volume report for the same days,
     * and a reversed range is said, with the last 30 days shown instead.
     */
    @Test
    void theOverviewAndASystemPageCoverThePeriodPicked() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        try (ProviderFixture fixture = new ProviderFixture("period", (request, response) -> response.end("ok"))) {
            fixture.service("records", "GET", "/records/{id}", Map.of());
            for (int i = 0; i < 3; i++) {
                fixture.asConsumer().get(fixture.url("records", "/records/" + i)).then().statusCode(200);
            }
            String page = "/console/connections/" + fixture.provider();
            as(ConsoleAccount.OPERATOR).get(page + "?from=" + today + "&to=" + today).then().statusCode(200)
                    .body(containsString("id=\"period-summary\" data-transactions=\"3\""))
                    .body(containsString("id=\"period-from\" name=\"from\" type=\"text\""))
                    .body(containsString("value=\"" + dayFirst(today) + "\""));
            // typed day first, as in Vietnam (05/12 is the fifth of December), here and in the traffic search
            as(ConsoleAccount.OPERATOR).get(page + "?from=" + dayFirst(today) + "&to=" + dayFirst(today)).then().statusCode(200)
                    .body(containsString("id=\"period-summary\" data-transactions=\"3\""));
            String traffic = as(ConsoleAccount.OPERATOR).get("/console/traffic?provider=" + fixture.provider() + "&from=" + dayFirst(today)
                    + "&to=" + dayFirst(today)).then().statusCode(200).extract().asString();
            assertEquals(3, traffic.split("<tr data-transaction=", -1).length - 1, "the day typed day first finds the day's 3 calls");
            assertTrue(traffic.contains("id=\"result-count\" data-matched=\"3\" data-first=\"1\" data-last=\"3\">Kết quả 1–3 trong 3.</p>"),
                    "the number of results found");
            as(ConsoleAccount.OPERATOR).get(page + "?from=" + today.minusDays(3) + "&to=" + today.minusDays(1)).then().statusCode(200)
                    .body(containsString("id=\"period-summary\" data-transactions=\"0\""));
            as(ConsoleAccount.OPERATOR).get(page + "?from=" + today + "&to=" + today.minusDays(1)).then().statusCode(200)
                    .body(containsString("role=\"alert\"")).body(containsString("aria-invalid=\"true\""))
                    .body(containsString("value=\"" + dayFirst(today.minusDays(29)) + "\""))
                    .body(containsString("id=\"period-summary\" data-transactions=\"3\""));
            as(ConsoleAccount.OPERATOR).get(page + "?from=" + today.minusDays(400) + "&to=" + today).then().statusCode(200)
                    .body(containsString("role=\"alert\""));

            long before = reportedToday(today);
            String overview = as(ConsoleAccount.OPERATOR).get("/console/overview?from=" + today + "&to=" + today).then().statusCode(200)
                    .extract().asString();
            long after = reportedToday(today);
            Matcher shown = Pattern.compile("id=\"period-summary\" data-transactions=\"(\\d+)\"").matcher(overview);
            assertTrue(shown.find(), "the overview shows the period's calls");
            long figure = Long.parseLong(shown.group(1));
            assertTrue(before >= 3 && before <= figure && figure <= after, before + " <= " + figure + " <= " + after + " (the volume report's)");
        }
    }

    private static String dayFirst(java.time.LocalDate day) {
        return day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    private static long reportedToday(java.time.LocalDate today) {
        return ((Number) Api.given().queryParam("from", today.toString()).queryParam("to", today.plusDays(1).toString())
                .queryParam("interval", "none").get("/api/v1/reports/volume").then().statusCode(200)
                .extract().path("rows[0].transactions")).longValue();
    }

    /**
     * A refused form comes back filled in, with the problem said beside its field: the typed values
     * travel in a cookie under the hub's seal, bound to the person, never with a secret; another
     * person, or an altered cookie, gets an empty form.
     */
    @Test
    void aRefusedFormComesBackFilledInWithTheProblemBesideItsField() {
        String token = csrf(as(ConsoleAccount.OWNER_A).get("/console/owner").asString());
        String code = Api.uniqueCode("typed");
        Api.jsonAs(Role.OWNER_A).body(Api.system(code)).post("/api/v1/systems").then().statusCode(201);
        var refused = as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("code", code)
                .formParam("nameVi", "Hệ thống \"thử\" <b>").formParam("nameEn", "Trial").formParam("owningAgency", AGENCY)
                .formParam("scope", "commune").formParam("securityLevel", "4").formParam("contactName", "Lê Văn Cường")
                .post("/console/owner/systems").then().statusCode(303).header("Location", containsString("error=duplicate-system")).extract();
        String location = refused.header("Location");
        String page = "/console/owner" + location.substring(location.indexOf('?'));
        String typed = refused.cookie("lgsp-form");
        assertTrue(typed != null && !typed.isEmpty(), "the typed values come back in a cookie");
        String html = as(ConsoleAccount.OWNER_A).cookie("lgsp-form", typed).get(page).then().statusCode(200).extract().asString();
        assertTrue(html.contains("value=\"Hệ thống &quot;thử&quot; &lt;b&gt;\""), "what was typed, escaped");
        assertTrue(html.contains("value=\"Lê Văn Cường\""));
        assertTrue(html.contains("value=\"" + code + "\""));
        assertTrue(html.contains("<option value=\"commune\" selected>"), "the scope chosen");
        assertTrue(html.contains("<option value=\"4\" selected>") && !html.contains("<option value=\"2\" selected>"), "the level chosen, not the default");
        assertTrue(html.matches("(?s).*<input id=\"code\"[^>]*aria-invalid=\"true\"[^>]*>.*"), "the field at fault is marked");
        assertTrue(html.contains("<span class=\"field-error\" id=\"code-error\">Đã có hệ thống với mã này.</span>"), "said beside it, in Vietnamese");

        String altered = typed.charAt(0) == 'e' ? "f" + typed.substring(1) : "e" + typed.substring(1);
        for (var other : new RequestSpecification[] {as(ConsoleAccount.ADMIN).cookie("lgsp-form", typed),
                as(ConsoleAccount.OWNER_A).cookie("lgsp-form", altered)}) {
            String empty = other.get(page).then().statusCode(200).extract().asString();
            assertFalse(empty.contains("Lê Văn Cường") || empty.contains("field-error"), "nobody else's values, no altered values");
        }

        // An endpoint refused: its address comes back, its secret never leaves the post.
        String system = Api.uniqueCode("typed-ep");
        Api.jsonAs(Role.OWNER_A).body(Api.system(system)).post("/api/v1/systems").then().statusCode(201);
        var endpoint = as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("code", "Bad Code").formParam("connectorType", "http")
                .formParam("address", "https://dat.example.gov.vn/typed").formParam("authType", "api_key").formParam("authHeader", "X-Api-Key")
                .formParam("secret", "typed-secret-never-echoed").post("/console/owner/systems/" + system + "/endpoints")
                .then().statusCode(303).header("Location", containsString("error=")).extract();
        String cookie = endpoint.cookie("lgsp-form");
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(cookie.substring(0, cookie.indexOf('.'))), StandardCharsets.UTF_8);
        assertTrue(decoded.contains("https://dat.example.gov.vn/typed") && !decoded.contains("typed-secret-never-echoed"), decoded);
        String back = endpoint.header("Location");
        String form = as(ConsoleAccount.OWNER_A).cookie("lgsp-form", cookie)
                .get("/console/owner/systems/" + system + back.substring(back.indexOf('?'))).then().statusCode(200).extract().asString();
        assertTrue(form.contains("value=\"https://dat.example.gov.vn/typed\""));
        assertTrue(form.contains("<option value=\"api_key\" selected>"));
        assertFalse(form.contains("typed-secret-never-echoed"));
        assertTrue(form.contains("id=\"ep-code-error\"") && !form.contains("id=\"svc-code-error\""), "beside the endpoint form's field only");
    }

    /**
     * The owner forms for endpoints, services and grants, over plain HTTP (ConsoleBrowserIT drives
     * them in a browser): each goes through the registry's and the grant workflow's own rules, as
     * the signed-in person.
     */
    @Test
    void ownersEndpointServiceAndGrantFormsFollowTheApisRulesAsThemselves() {
        String provider = Api.uniqueCode("prov");
        Api.jsonAs(Role.OWNER_A).body(Api.system(provider)).post("/api/v1/systems").then().statusCode(201);
        String consumer = Api.uniqueCode("cons");
        Api.jsonAs(Role.OWNER_B).body(Api.system(consumer)).post("/api/v1/systems").then().statusCode(201);
        String page = "/console/owner/systems/" + provider;
        String tokenA = csrf(as(ConsoleAccount.OWNER_A).get("/console/owner").asString());
        String tokenB = csrf(as(ConsoleAccount.OWNER_B).get("/console/owner").asString());

        as(ConsoleAccount.OWNER_A).formParam("_csrf", tokenA).formParam("code", "main").formParam("connectorType", "http")
                .formParam("address", "https://dat.example.gov.vn/api").formParam("authType", "api_key")
                .formParam("authHeader", "X-Api-Key").formParam("secret", "first-secret").post(page + "/endpoints")
                .then().statusCode(303).header("Location", endsWith(page + "?done=endpoint"));
        String endpoint = "/api/v1/systems/" + provider + "/endpoints/main";
        Api.given().get(endpoint).then().statusCode(200).body("auth.type", equalTo("api_key")).body("auth.secretSet", equalTo(true));
        int version = Integer.parseInt(Api.etag(endpoint).replace("\"", ""));
        // a rotation under a version the owner never saw is refused, not written over the newer settings
        as(ConsoleAccount.OWNER_A).formParam("_csrf", tokenA).formParam("version", Integer.toString(version + 1))
                .formParam("secret", "stale-secret").post(page + "/endpoints/main/credentials")
                .then().statusCode(303).header("Location", containsString("error=version-mismatch"));
        assertEquals("\"" + version + "\"", Api.etag(endpoint));
        as(ConsoleAccount.OWNER_A).formParam("_csrf", tokenA).formParam("version", Integer.toString(version))
                .formParam("secret", "rotated-secret").post(page + "/endpoints/main/credentials")
                .then().statusCode(303).header("Location", endsWith(page + "?done=rotated"));
        assertEquals("\"" + (version + 1) + "\"", Api.etag(endpoint));
        // an edit of the address (same origin) and timeout keeps the other settings and the secret
        as(ConsoleAccount.OWNER_A).formParam("_csrf", tokenA).formParam("version", Integer.toString(version + 1))
                .formParam("address", "https://dat.example.gov.vn/api/v2").formParam("requestTimeoutMs", "7000")
                .post(page + "/endpoints/main/edit").then().statusCode(303).header("Location", endsWith(page + "?done=endpoint"));
        Api.given().get(endpoint).then().statusCode(200).body("address", equalTo("https://dat.example.gov.vn/api/v2"))
                .body("requestTimeoutMs", equalTo(7000)).body("auth.type", equalTo("api_key")).body("auth.secretSet", equalTo(true));
        Api.given().queryParam("system", provider).queryParam("action", "endpoint.updated").get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(2)).body("items.actor", everyItem(equalTo("console-owner-a")));

        as(ConsoleAccount.OWNER_A).multiPart("_csrf", tokenA).multiPart("code", "parcels").multiPart("version", "1.0")
                .multiPart("name", "Parcels").multiPart("endpointCode", "main").multiPart("kind", "rest")
                .multiPart("httpMethod", "GET").multiPart("pathPattern", "/parcels/{id}").multiPart("dataClassification", "internal")
                .multiPart("document", "parcels.yaml", "openapi: 3.0.3\ninfo:\n  title: Parcels\n  version: '1.0'\npaths: {}\n"
                        .getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .post(page + "/services").then().statusCode(303).header("Location", endsWith(page + "?done=service"));
        as(ConsoleAccount.OWNER_A).formParam("_csrf", tokenA).formParam("action", "publish")
                .post(page + "/services/parcels/1.0/publish").then().statusCode(303).header("Location", endsWith(page + "?done=published"));
        Api.given().get("/api/v1/systems/" + provider + "/services/parcels/1.0").then().statusCode(200)
                .body("status", equalTo("published")).body("descriptionDocument.mediaType", equalTo("application/yaml"));

        as(ConsoleAccount.OWNER_B).formParam("_csrf", tokenB).formParam("consumerSystem", consumer).formParam("providerSystem", provider)
                .formParam("serviceCode", "parcels").formParam("purpose", "Tra cứu thửa đất khi cấp phép xây dựng")
                .post("/console/owner/grants").then().statusCode(303).header("Location", endsWith("/console/owner/grants?done=requested"));
        String grant = Api.given().queryParam("consumer", consumer).get("/api/v1/grants").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].status", equalTo("requested"))
                .body("items[0].requestedBy", equalTo("console-owner-b")).extract().path("items[0].id");
        // the provider's owner finds it in their queue, by names; the consumer's owner has nothing to decide
        as(ConsoleAccount.OWNER_A).get("/console/owner/grants").then().statusCode(200)
                .body(containsString("<li data-grant=\"" + grant + "\"><strong>Hệ thống thử nghiệm " + consumer + "</strong>"));
        as(ConsoleAccount.OWNER_B).get("/console/owner/grants").then().statusCode(200)
                .body(not(containsString("<li data-grant=\"" + grant + "\">")));
        // only the provider's owner decides: the consumer's owner is refused with the workflow's problem code
        as(ConsoleAccount.OWNER_B).formParam("_csrf", tokenB).post("/console/owner/grants/" + grant + "/approve")
                .then().statusCode(303).header("Location", containsString("error=forbidden"));
        Api.given().get("/api/v1/grants/" + grant).then().statusCode(200).body("status", equalTo("requested"));
        as(ConsoleAccount.OWNER_A).formParam("_csrf", tokenA).post("/console/owner/grants/" + grant + "/approve")
                .then().statusCode(303).header("Location", endsWith("/console/owner/grants?done=approved"));
        Api.given().get("/api/v1/grants/" + grant).then().statusCode(200).body("status", equalTo("active"))
                .body("decidedBy", equalTo("console-owner-a"));

        // revoking needs the box ticked
        as(ConsoleAccount.OWNER_B).formParam("_csrf", tokenB).formParam("reason", "xong việc").post("/console/owner/grants/" + grant + "/revoke")
                .then().statusCode(303).header("Location", containsString("error=invalid-field"));
        Api.given().get("/api/v1/grants/" + grant).then().body("status", equalTo("active"));
        as(ConsoleAccount.OWNER_B).formParam("_csrf", tokenB).formParam("reason", "xong việc").formParam("confirm", "yes")
                .post("/console/owner/grants/" + grant + "/revoke").then().statusCode(303)
                .header("Location", endsWith("/console/owner/grants?done=revoked"));
        Api.given().get("/api/v1/grants/" + grant).then().body("status", equalTo("revoked"));

        // a request picks the service from the list of published ones, with quotas and a last day
        as(ConsoleAccount.OWNER_B).get("/console/owner/grants").then().statusCode(200)
                .body(containsString("<option value=\"" + provider + "/parcels\">"));
        as(ConsoleAccount.OWNER_B).formParam("_csrf", tokenB).formParam("consumerSystem", consumer).formParam("target", provider + "/parcels")
                .formParam("purpose", "Tra cứu lại").formParam("expiresOn", "2099-12-31").formParam("requestsPerSecond", "5")
                .formParam("requestsPerDay", "1000").post("/console/owner/grants").then().statusCode(303)
                .header("Location", endsWith("/console/owner/grants?done=requested"));
        String expires = Api.given().queryParam("consumer", consumer).queryParam("status", "requested").get("/api/v1/grants").then()
                .statusCode(200).body("items[0].providerSystem", equalTo(provider)).body("items[0].serviceCode", equalTo("parcels"))
                .body("items[0].requestsPerSecond", equalTo(5)).body("items[0].requestsPerDay", equalTo(1000))
                .extract().path("items[0].expiresAt");
        // valid through the whole last day, in the province's time
        assertEquals(java.time.Instant.parse("2099-12-31T17:00:00Z"), java.time.OffsetDateTime.parse(expires).toInstant());
    }

    /** A form does all it says or nothing; what an owner added by mistake can be removed from the console. */
    @Test
    void aServiceWithABadDocumentIsNotCreatedAndServicesAndEndpointsCanBeRemoved() {
        String provider = Api.uniqueCode("undo");
        Api.jsonAs(Role.OWNER_A).body(Api.system(provider)).post("/api/v1/systems").then().statusCode(201);
        String page = "/console/owner/systems/" + provider;
        String token = csrf(as(ConsoleAccount.OWNER_A).get("/console/owner").asString());
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("code", "main").formParam("connectorType", "http")
                .formParam("address", "https://undo.example.gov.vn/api").formParam("authType", "none").post(page + "/endpoints")
                .then().statusCode(303).header("Location", endsWith(page + "?done=endpoint"));
        for (String[] document : new String[][] {{"bad.yaml", "openapi: [unclosed"}, {"svc.wsdl",
                "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" name=\"x\"/>"}}) {
            as(ConsoleAccount.OWNER_A).multiPart("_csrf", token).multiPart("code", "parcels").multiPart("version", "1.0")
                    .multiPart("name", "Parcels").multiPart("endpointCode", "main").multiPart("kind", "rest")
                    .multiPart("httpMethod", "GET").multiPart("pathPattern", "/parcels/{id}").multiPart("dataClassification", "internal")
                    .multiPart("document", document[0], document[1].getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                    .post(page + "/services").then().statusCode(303).header("Location", containsString("error=invalid-document"));
            Api.problem(Api.given().get("/api/v1/systems/" + provider + "/services/parcels/1.0").then(), 404, "service-not-found");
        }
        // the same form with a good document now succeeds (no "duplicate" left behind by the failed tries)
        as(ConsoleAccount.OWNER_A).multiPart("_csrf", token).multiPart("code", "parcels").multiPart("version", "1.0")
                .multiPart("name", "Parcels").multiPart("endpointCode", "main").multiPart("kind", "rest")
                .multiPart("httpMethod", "GET").multiPart("pathPattern", "/parcels/{id}").multiPart("dataClassification", "internal")
                .multiPart("document", "parcels.yaml", "openapi: 3.0.3\ninfo:\n  title: Parcels\n  version: '1.0'\npaths: {}\n"
                        .getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .post(page + "/services").then().statusCode(303).header("Location", endsWith(page + "?done=service"));
        // the owner registers a probe for the endpoint, sees it on the page, and stops it
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("action", "save").formParam("target", "/health")
                .formParam("intervalSeconds", "120").post(page + "/endpoints/main/probe").then().statusCode(303)
                .header("Location", endsWith(page + "?done=probe"));
        Api.given().get("/api/v1/systems/" + provider + "/endpoints/main/probe").then().statusCode(200)
                .body("target", equalTo("/health")).body("intervalSeconds", equalTo(120));
        as(ConsoleAccount.OWNER_A).get(page).then().body(containsString("id=\"probe-stop-main\""))
                .body(containsString("value=\"/health\""));
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("action", "stop").post(page + "/endpoints/main/probe").then()
                .statusCode(303).header("Location", endsWith(page + "?done=probe"));
        Api.problem(Api.given().get("/api/v1/systems/" + provider + "/endpoints/main/probe").then(), 404, "probe-not-found");

        String html = as(ConsoleAccount.OWNER_A).get(page).then().statusCode(200)
                .body(containsString("id=\"remove-svc-parcels-1.0\"")).body(containsString("id=\"remove-ep-main\"")).extract().asString();
        int revision = Api.given().get("/api/v1/systems/" + provider + "/services/parcels/1.0").then().extract().path("revision");
        // not without the confirmation; an endpoint a service still uses stays
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("revision", Integer.toString(revision))
                .post(page + "/services/parcels/1.0/remove").then().statusCode(303).header("Location", containsString("error=invalid-field"));
        int version = Integer.parseInt(Api.etag("/api/v1/systems/" + provider + "/endpoints/main").replace("\"", ""));
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("version", Integer.toString(version)).formParam("confirm", "yes")
                .post(page + "/endpoints/main/remove").then().statusCode(303).header("Location", containsString("error=endpoint-in-use"));
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("revision", Integer.toString(revision)).formParam("confirm", "yes")
                .post(page + "/services/parcels/1.0/remove").then().statusCode(303).header("Location", endsWith(page + "?done=removed"));
        Api.problem(Api.given().get("/api/v1/systems/" + provider + "/services/parcels/1.0").then(), 404, "service-not-found");
        as(ConsoleAccount.OWNER_A).formParam("_csrf", token).formParam("version", Integer.toString(version)).formParam("confirm", "yes")
                .post(page + "/endpoints/main/remove").then().statusCode(303).header("Location", endsWith(page + "?done=removed"));
        Api.problem(Api.given().get("/api/v1/systems/" + provider + "/endpoints/main").then(), 404, "endpoint-not-found");
        // another organisation's owner cannot remove anything here
        assertTrue(html.contains("confirm-ep-main"));
        String tokenB = csrf(as(ConsoleAccount.OWNER_B).get("/console/owner").asString());
        as(ConsoleAccount.OWNER_B).accept("text/html").formParam("_csrf", tokenB).formParam("version", "1").formParam("confirm", "yes")
                .post(page + "/endpoints/main/remove").then().statusCode(403);
    }

    @Test
    void logoutEndsTheSessionHereAndAtTheProvider() {
        Map<String, String> session = ConsoleAccount.OPERATOR.logIn(base.toString());
        noRedirects().cookies(session).get("/console/overview").then().statusCode(200);
        var logout = noRedirects().cookies(session).get("/console/logout").then().statusCode(302).extract();
        String location = logout.header("Location");
        assertTrue(location.startsWith(KeycloakServer.issuer() + "/protocol/openid-connect/logout?"), location);
        assertTrue(location.contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(base + "console/signed-out",
                StandardCharsets.UTF_8)), location);
        // the session cookie (chunked: it holds the encrypted tokens) is cleared
        assertTrue(logout.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("q_session_console") && c.contains("Max-Age=0")),
                String.valueOf(logout.headers().getValues("Set-Cookie")));
        noRedirects().get("/console/signed-out").then().statusCode(200).body(containsString("Đã đăng xuất"))
                .body(containsString("href=\"/console\""));
    }

    @Test
    void vietnameseByDefaultEnglishOnRequest() {
        as(ConsoleAccount.OPERATOR).get("/console/overview").then().body(containsString("<html lang=\"vi\">"))
                .body(containsString("Tổng quan giao dịch"));
        as(ConsoleAccount.OPERATOR).get("/console/overview?lang=en").then().body(containsString("<html lang=\"en\">"))
                .body(containsString("Transactions overview")).header("Set-Cookie", containsString("lgsp-console-lang=en"));
        // A browser in English (English Windows in a Vietnamese office) still gets Vietnamese; the cookie remembers a choice.
        as(ConsoleAccount.OPERATOR).header("Accept-Language", "en-GB,en;q=0.9").get("/console/connections")
                .then().body(containsString("<html lang=\"vi\">"));
        as(ConsoleAccount.OPERATOR).cookie("lgsp-console-lang", "en").get("/console/connections")
                .then().body(containsString("Connections of the listed systems"));
        as(ConsoleAccount.OPERATOR).get("/console/connections").then().body(containsString("Hiển thị 36/36 hệ thống"));
        as(ConsoleAccount.OPERATOR).get("/console/connections?scope=central").then().body(containsString("Hiển thị 24/36 hệ thống"))
                .header("Set-Cookie", emptyOrNullString());
    }

    @Test
    void aBrowserGetsPagesInItsLanguageNotProblemDocuments() {
        for (String path : new String[] {"/console/nope", "/console/connections/C02"}) {
            as(ConsoleAccount.OPERATOR).accept("text/html").get(path).then().statusCode(404).contentType(startsWith("text/html"))
                    .body(containsString("<html lang=\"vi\">")).body(containsString("Không tìm thấy trang"))
                    .body(not(containsString("\"code\"")));
            as(ConsoleAccount.OPERATOR).accept("text/html").cookie("lgsp-console-lang", "en").get(path).then().statusCode(404)
                    .body(containsString("Page not found"));
            // a script asking for JSON still gets the problem document
            as(ConsoleAccount.OPERATOR).accept("application/json").get(path).then().statusCode(greaterThanOrEqualTo(400))
                    .contentType(startsWith("application/problem+json"));
        }
    }

    @Test
    void operatorsReadAndPrintTheConnectionReportInTheConsole() {
        as(ConsoleAccount.OPERATOR).get("/console/connections").then().statusCode(200)
                .body(containsString("href=\"/console/connection-report\"")).body(containsString("href=\"/console/connection-report/csv\""))
                .body(not(containsString("/api/v1/reports")));
        as(ConsoleAccount.OPERATOR).get("/console/connection-report").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Language", equalTo("vi"))
                .header("Content-Security-Policy", containsString("style-src 'sha256-"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .body(containsString("@media print")).body(containsString("Trung ương")).body(containsString("Tỉnh"));
        as(ConsoleAccount.OPERATOR).get("/console/connection-report?lang=en").then().statusCode(200).body(containsString("Central"));
        as(ConsoleAccount.OPERATOR).get("/console/connection-report/csv").then().statusCode(200).contentType(startsWith("text/csv"))
                .body(containsString("section,catalogueId"));
        as(ConsoleAccount.OWNER_A).accept("text/html").get("/console/connection-report").then().statusCode(403);
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), "the page has a CSRF token");
        return m.group(1);
    }

    static Map<String, Object> withAgency(Map<String, Object> system, String agency) {
        system.put("owningAgency", agency);
        return system;
    }
}
