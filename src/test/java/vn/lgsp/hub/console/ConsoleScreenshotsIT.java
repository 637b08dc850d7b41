package vn.lgsp.hub.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.lgsp.hub.connection.DemoData;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ConsoleAccount;
import vn.lgsp.hub.testing.ProviderFixture;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screenshots in {@code docs/screenshots/} of the pages that show data: the embedded run's demo
 * data set (a demo system for each catalogue entry, probed, 35 of 36 connected) with sharing calls
 * flowing between demo systems, as an operator sees it. Runs only when screenshots are asked for
 * ({@code -Dconsole.screenshots=docs/screenshots}, the README's command), because the demo systems
 * it registers would change what the other tests of the run count.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "console.screenshots", matches = ".+")
class ConsoleScreenshotsIT {

    private static final List<String> CONSUMERS = List.of("demo-p01", "demo-p02", "demo-p03", "demo-p04", "demo-p05");
    private static final List<String> PROVIDERS = List.of("demo-c01", "demo-c02", "demo-c03", "demo-c05", "demo-c08", "demo-p06", "demo-p07");

    @TestHTTPResource("/")
    URL base;
    @Inject
    DemoData demo;

    @Test
    void theDemoDataSetWithTrafficAsAnOperatorSeesIt() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            HttpServer stub = vertx.createHttpServer().requestHandler(request -> request.response()
                    .putHeader("Content-Type", "application/json").end("{\"status\":\"UP\",\"demo\":true}"));
            int port = stub.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
            assertTrue(demo.seed(port).await().atMost(Duration.ofSeconds(60)) >= 35, "a demo system per catalogue entry");

            // Calls between demo systems, and some refused for want of a grant.
            for (String consumer : CONSUMERS) {
                for (String provider : PROVIDERS.subList(0, 4)) {
                    Api.grant(consumer, provider, "records");
                }
            }
            int answered = 0;
            for (int i = 0; i < 420; i++) {
                String consumer = CONSUMERS.get(i % CONSUMERS.size());
                String provider = PROVIDERS.get(i % 7 < 4 ? i % 4 : (i % 9 == 0 ? 5 : i % 4));
                int status = RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, consumer)
                        .get("/share/" + provider + "/records/records/" + i).statusCode();
                answered += status == 200 ? 1 : 0;
            }
            assertTrue(answered >= 350, answered + " calls answered");
            long calls = answered;

            // The probes connect the demo systems within their interval.
            await().atMost(Duration.ofSeconds(90)).until(() -> ((Number) Api.given().get("/api/v1/reports/connections")
                    .then().statusCode(200).extract().path("totals.all.connected")).intValue() >= 35);

            browser.logIn(ConsoleAccount.OPERATOR);
            browser.open("/console/overview");
            browser.waitFor(d -> Long.parseLong(browser.find("#live-total").getAttribute("data-value")) >= calls);
            assertEquals("35/36", browser.find("#tally").getText());
            browser.screenshot("overview");
            browser.open("/console/connections");
            assertEquals(35, browser.driver().findElements(By.cssSelector("#connections tbody tr[data-status='connected']")).size());
            browser.screenshot("connections");
            browser.open("/console/connections/demo-c01");
            browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#top-consumers tbody tr")));
            assertTrue(browser.find("#top-consumers").getText().contains("demo-p01"));
            browser.screenshot("system");
            browser.open("/console/traffic");
            assertTrue(browser.driver().findElements(By.cssSelector("table tbody tr")).size() >= 10);
            browser.screenshot("traffic");
            browser.open("/console/connection-report");
            browser.screenshot("connection-report");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
