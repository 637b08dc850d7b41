package vn.lgsp.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ConsoleAccount;
import vn.lgsp.hub.testing.KeycloakServer;
import vn.lgsp.hub.testing.Role;
import vn.lgsp.hub.testing.ProviderFixture;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console end to end in a real headless Chromium: log in through the real Keycloak's page
 * (authorization code flow with PKCE), watch the live chart move while real sharing calls flow
 * through the hub, filter the connections table, search traffic, find owner pages closed to an
 * operator, log out, register a system and publish a service as its owner, approve another
 * organisation's access request to it, and approve the system as an admin. Takes a screenshot of
 * every page on the way.
 *
 * <p>Skipped where Chromium is not installed (a developer laptop); CI installs it and sets
 * {@code LGSP_REQUIRE_BROWSER} so a missing browser fails there (.ci/run). Screenshots go to
 * {@code target/console-screenshots}, or to {@code -Dconsole.screenshots=docs/screenshots}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String OWNER_AGENCY = "Sở Tài nguyên và Môi trường tỉnh Cà Mau";
    private static final String PURPOSE = "Giải quyết thủ tục đất đai";

    @TestHTTPResource("/")
    URL base;

    private ConsoleBrowser browser;
    private ProviderFixture fixture;
    private String registered;

    @BeforeEach
    void start() throws Exception {
        if (System.getenv("LGSP_REQUIRE_BROWSER") != null) {
            assertTrue(ConsoleBrowser.available(), "CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)");
        }
        assumeTrue(ConsoleBrowser.available(), "chromium and chromium-driver are not installed");
        if (browser == null) {
            browser = new ConsoleBrowser(base.toString());
            fixture = new ProviderFixture("console", (request, response) ->
                    response.putHeader("Content-Type", "application/json").end("{\"ok\":true}"))
                    .service("records", "GET", "/records/{id}", Map.of());
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void visitorsLogInOnTheIdentityProvidersPageWithPkce() {
        browser.clearCookies();
        browser.open("/console/overview");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        String url = browser.driver().getCurrentUrl();
        assertTrue(url.startsWith(KeycloakServer.issuer() + "/protocol/openid-connect/auth?"), url);
        assertTrue(url.contains("code_challenge_method=S256") && url.contains("client_id=lgsp-console"), url);
        browser.screenshot("login");
        browser.fill("username", ConsoleAccount.OPERATOR.username);
        browser.fill("password", ConsoleAccount.OPERATOR.password());
        browser.find("#kc-login").click();
        // back where the visitor was going, signed in
        browser.waitFor(ExpectedConditions.urlToBe(browser.base() + "/console/overview"));
        assertTrue(browser.find("header .user").getText().contains(ConsoleAccount.OPERATOR.username));
    }

    @Test
    @Order(2)
    void theLiveChartMovesWhenTrafficFlows() {
        browser.open("/console/overview");
        // the first snapshot arrives over SSE at once
        browser.waitFor(d -> Long.parseLong(browser.find("#live-total").getAttribute("data-value")) >= 0);
        long before = Long.parseLong(browser.find("#live-total").getAttribute("data-value"));
        long chartBefore = chartSum();
        long todayBefore = figure("#total-today");
        long monthBefore = figure("#total-month");
        long allBefore = figure("#total-all");
        for (int i = 0; i < 7; i++) {
            fixture.asConsumer().get(fixture.url("records", "/records/" + i)).then().statusCode(200);
        }
        browser.waitFor(d -> Long.parseLong(browser.find("#live-total").getAttribute("data-value")) >= before + 7);
        browser.waitFor(d -> chartSum() >= chartBefore + 7);
        // every card moves with the chart: one snapshot, so today never runs ahead of this month or since the start
        browser.waitFor(d -> figure("#total-today") >= todayBefore + 7);
        assertTrue(figure("#total-month") >= monthBefore + 7, "this month moved with today");
        assertTrue(figure("#total-all") >= allBefore + 7, "since the start moved with today");
        assertTrue(figure("#total-month") >= figure("#total-today") && figure("#total-all") >= figure("#total-month"));
        assertEquals(browser.find("#live-status").getAttribute("aria-live"), "polite");
        assertEquals("vi-VN", browser.script("return window.lgspLiveChart.options.locale;"), "axis numbers as read in Vietnam");
        assertTrue(browser.driver().findElements(By.cssSelector("#live-table tbody tr")).size() >= 30, "the data table mirrors the chart");
        browser.open("/console/overview?from=" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        assertTrue(Long.parseLong(browser.find("#period-summary").getAttribute("data-transactions")) >= 7, "today's calls in the period picked");
        assertEquals(Boolean.TRUE, browser.script("return Chart.getChart(document.querySelector('#period canvas')) != null;"));
        browser.screenshot("overview");
    }

    private long figure(String selector) {
        return Long.parseLong(browser.find(selector).getAttribute("data-value"));
    }

    @Test
    @Order(3)
    void operatorsFilterAndSortTheConnectionsTable() {
        browser.open("/console/connections");
        assertEquals(36, rows("#connections tbody tr").size());
        new Select(browser.find("#scope")).selectByValue("central");
        browser.find("#filter-submit").click();
        browser.waitFor(d -> rows("#connections tbody tr").size() == 24);
        assertTrue(rows("#connections tbody tr").stream().allMatch(r -> "central".equals(r.getAttribute("data-scope"))));
        new Select(browser.find("#status")).selectByValue("not_registered");
        browser.find("#filter-submit").click();
        browser.waitFor(ExpectedConditions.urlContains("status=not_registered"));
        assertTrue(rows("#connections tbody tr").stream().allMatch(r -> "not_registered".equals(r.getAttribute("data-status"))));
        // sort by id descending from the keyboard-reachable header link
        browser.open("/console/connections?sort=id&dir=desc");
        assertEquals("P12", rows("#connections tbody tr").get(0).getAttribute("data-id"));
        assertEquals("descending", browser.find("#connections thead th").getAttribute("aria-sort"));
        browser.open("/console/connections");
        browser.screenshot("connections");

        browser.open("/console/connections/" + fixture.provider());
        assertTrue(browser.find("#services").getText().contains("records"));
        assertTrue(browser.find("#top-consumers").getText().contains(fixture.consumer()));
        // the period picker: a preset link, then the chosen days are what the page covers
        String calls = browser.find("#period-summary").getAttribute("data-transactions");
        browser.find("#period-form .presets a").click();
        browser.waitFor(ExpectedConditions.urlContains("from="));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        assertEquals(today.minusDays(6).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                browser.find("#period-from").getAttribute("value"), "the last 7 days, written day first");
        assertEquals(calls, browser.find("#period-summary").getAttribute("data-transactions"), "all of this test's calls were today");
        assertEquals(Boolean.TRUE, browser.script("return Chart.getChart(document.querySelector('#vol-h ~ .chart canvas')) != null;"));
        browser.screenshot("system");
    }

    @Test
    @Order(4)
    void operatorsSearchTrafficAndExportCsv() {
        browser.open("/console/traffic");
        browser.fill("provider", fixture.provider());
        browser.find("#traffic-submit").click();
        browser.waitFor(d -> rows("#transactions tbody tr[data-transaction]").size() >= 7);
        assertTrue(browser.find("#export").getAttribute("href").contains("provider=" + fixture.provider()));
        browser.screenshot("traffic");

        browser.open("/console/audit");
        new Select(browser.find("#outcome")).selectByValue("done");
        browser.find("#audit-submit").click();
        browser.waitFor(ExpectedConditions.urlContains("outcome=done"));
        assertFalse(rows("#audit tbody tr[data-seq]").isEmpty());
        assertTrue(rows("#audit tbody tr[data-seq]").stream().allMatch(r -> "done".equals(r.getAttribute("data-outcome"))));
        browser.screenshot("audit");
    }

    @Test
    @Order(5)
    void operatorsCannotReachOwnerPagesAndLogOut() {
        browser.open("/console/owner");
        assertTrue(browser.find("main").getText().contains("console-forbidden"));
        browser.screenshot("forbidden");
        assertTrue(browser.driver().findElements(By.linkText("Hệ thống của tôi")).isEmpty(), "no owner link for operators");
        browser.open("/console/owner/grants");
        assertTrue(browser.find("main").getText().contains("console-forbidden"));

        browser.open("/console/overview");
        browser.find("header form button[type=submit]").click();
        browser.waitFor(ExpectedConditions.urlContains(browser.base() + "/console/signed-out"));
        assertTrue(browser.find("main").getText().contains("Đã đăng xuất"));
        browser.screenshot("signed-out");
        // the provider's session ended too: the console asks for a password again
        browser.open("/console/overview");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
    }

    @Test
    @Order(6)
    void ownersRegisterASystemAndPublishAService() throws Exception {
        browser.logIn(ConsoleAccount.OWNER_A);
        browser.waitFor(ExpectedConditions.urlContains("/console/owner"));
        assertEquals(Role.ORG_A, browser.find("#my-org").getText());
        registered = Api.uniqueCode("moitruong");
        browser.fill("code", registered);
        browser.fill("nameVi", "Cơ sở dữ liệu đất đai tỉnh Cà Mau");
        browser.fill("nameEn", "Ca Mau land database");
        browser.fill("owningAgency", OWNER_AGENCY);
        browser.fill("contactName", "Nguyễn Thị B");
        browser.find("#register-submit").click();
        browser.waitFor(ExpectedConditions.urlContains("/console/owner/systems/" + registered));
        assertTrue(browser.find("#notice").getText().contains("Đã đăng ký"), browser.find("#notice").getText());
        Api.given().get("/api/v1/systems/" + registered).then().statusCode(200)
                .body("ownerOrg", equalTo(Role.ORG_A))
                .body("owningAgency", equalTo(OWNER_AGENCY))
                .body("nameVi", equalTo("Cơ sở dữ liệu đất đai tỉnh Cà Mau"));

        browser.fill("ep-code", "main");
        browser.fill("ep-address", fixture.stub().uri("/api").toString());
        new Select(browser.find("#ep-auth")).selectByValue("api_key");
        browser.fill("ep-header", "X-Api-Key");
        browser.fill("ep-secret", "first-secret");
        browser.find("#endpoint-submit").click();
        browser.waitFor(d -> browser.driver().findElements(By.cssSelector("#endpoints tr[data-endpoint=main]")).size() == 1);

        browser.fill("secret-main", "rotated-secret");
        browser.find("#rotate-main").click();
        browser.waitFor(ExpectedConditions.urlContains("done=rotated"));

        Path openapi = Files.createTempFile("land", ".yaml");
        Files.writeString(openapi, "openapi: 3.0.3\ninfo:\n  title: Tra cứu thửa đất\n  version: '1.0'\npaths: {}\n");
        browser.fill("svc-code", "parcels");
        browser.fill("svc-name", "Tra cứu thửa đất");
        browser.fill("svc-path", "/parcels/{id}");
        browser.find("#svc-doc").sendKeys(openapi.toString());
        browser.find("#service-submit").click();
        browser.waitFor(ExpectedConditions.urlContains("done=service"));
        browser.find("#publish-parcels").click();
        browser.waitFor(ExpectedConditions.urlContains("done=published"));
        assertEquals("published", browser.find("#services tr[data-service=parcels]").getAttribute("data-status"));
        assertTrue(browser.find("#services tr[data-service=parcels]").getText().contains("openapi"));

        new Select(browser.find("#action")).selectByValue("submit");
        browser.find("#lifecycle-submit").click();
        browser.waitFor(ExpectedConditions.urlContains("done=lifecycle"));
        browser.screenshot("owner-system");
        browser.open("/console/owner");
        browser.screenshot("owner");
    }

    @Test
    @Order(7)
    void ownersApproveAnotherOrganisationsAccessRequest() {
        // owner B asks, through the API, for access from one of their systems to owner A's new service
        String consumer = Api.uniqueCode("tuphap");
        Api.jsonAs(Role.OWNER_B).body(Api.system(consumer)).post("/api/v1/systems").then().statusCode(201);
        String grant = Api.jsonAs(Role.OWNER_B).body(Map.of("consumerSystem", consumer, "providerSystem", registered,
                        "serviceCode", "parcels", "purpose", PURPOSE))
                .post("/api/v1/grants").then().statusCode(201).body("status", equalTo("requested")).extract().path("id");

        browser.open("/console/owner/grants");
        String row = "#grants tr[data-grant='" + grant + "']";
        assertEquals("requested", browser.find(row).getAttribute("data-status"));
        assertTrue(browser.find(row).getText().contains(PURPOSE));
        browser.find(row + " button.approve").click();
        browser.waitFor(ExpectedConditions.urlContains("done=approved"));
        assertEquals("active", browser.find(row).getAttribute("data-status"));
        Api.given().get("/api/v1/grants/" + grant).then().statusCode(200).body("status", equalTo("active"))
                .body("decidedBy", equalTo(ConsoleAccount.OWNER_A.username));
        browser.screenshot("grants");
    }

    @Test
    @Order(8)
    void adminsApproveTheSystem() {
        browser.logIn(ConsoleAccount.ADMIN);
        browser.open("/console/owner/systems/" + registered);
        new Select(browser.find("#action")).selectByValue("approve");
        browser.find("#lifecycle-submit").click();
        browser.waitFor(ExpectedConditions.urlContains("done=lifecycle"));
        Api.given().get("/api/v1/systems/" + registered).then().body("status", equalTo("active"));
    }

    private long chartSum() {
        Object sum = browser.script("var c = window.lgspLiveChart; if (!c) { return -1; }"
                + " return c.data.datasets[0].data.reduce(function (a, b) { return a + b; }, 0);");
        return ((Number) sum).longValue();
    }

    private List<WebElement> rows(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }
}
