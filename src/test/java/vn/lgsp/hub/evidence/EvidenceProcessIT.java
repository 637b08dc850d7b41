package vn.lgsp.hub.evidence;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessTestBed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evidence an auditor takes away, checked with the command the hub's own jar ships, in a
 * process of its own that starts nothing else; and a hub stopped gracefully signs its tail, so
 * its last calls have evidence even if its chain is never continued.
 */
class EvidenceProcessIT {

    private static final String INSTANCE = "evidence-hub";
    private static ProcessTestBed bed;

    @BeforeAll
    static void infrastructure() throws Exception {
        bed = ProcessTestBed.start("evidence", Map.of("lgsp.message-log.checkpoint-interval", "1s"));
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        bed.close();
    }

    @Test
    void theShippedVerifierChecksABundleOfflineAndAStoppedHubSignsItsTail() throws Exception {
        HubProcess hub = bed.startHub(INSTANCE);
        bed.share("records");
        URI target = bed.shareUri(hub.port(), "records", "/records/1");
        String first = call(target);

        RestAssured.port = hub.port();
        String bundle = await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = Api.given().get("/api/v1/transactions/" + first + "/evidence").then().extract();
            return response.statusCode() == 200 ? response.asString() : null;
        }, b -> b != null);
        Path file = Files.createTempFile("evidence-", ".json");
        Files.writeString(file, bundle);
        Verified valid = verify(file);
        assertEquals(0, valid.exit(), valid.output());
        assertTrue(valid.output().contains("VALID: transaction " + first), valid.output());

        Files.writeString(file, bundle.replace("\\\"status\\\":200", "\\\"status\\\":500"));
        Verified altered = verify(file);
        assertEquals(1, altered.exit(), altered.output());
        assertTrue(altered.output().contains("FAIL chain"), altered.output());

        String last = call(target);
        hub.terminate();
        assertEquals(1, bed.scalar("SELECT count(*) FROM message_log WHERE transaction_id = ?", last), "written before the hub stopped");
        assertEquals(bed.scalar("SELECT max(seq) FROM message_log WHERE hub_instance = ?", INSTANCE),
                bed.scalar("SELECT max(last_seq) FROM message_log_checkpoint WHERE hub_instance = ?", INSTANCE),
                "the tail is signed before the hub stopped");
    }

    private static String call(URI target) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target)
                .header(ProcessTestBed.CONSUMER_HEADER, bed.consumer()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, response.statusCode());
        return response.headers().firstValue("X-Transaction-Id").orElseThrow();
    }

    private record Verified(int exit, String output) {
    }

    /** {@code java -jar quarkus-run.jar verify FILE}, as the README gives it. */
    private static Verified verify(Path file) throws Exception {
        String jar = System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "verify", file.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the verifier finished");
        return new Verified(process.exitValue(), output);
    }
}
