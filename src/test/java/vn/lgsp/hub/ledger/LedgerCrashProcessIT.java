package vn.lgsp.hub.ledger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessTestBed;
import vn.lgsp.hub.testing.SteadyLoad;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The durability rule, tested by killing the real hub process (SIGKILL) in the middle of a load:
 * every request that got an answer must be in the ledger exactly once, and the hub must carry
 * on after a restart.
 */
class LedgerCrashProcessIT {

    private static ProcessTestBed bed;

    @BeforeAll
    static void infrastructure() throws Exception {
        bed = ProcessTestBed.start("crash");
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        bed.close();
    }

    @Test
    void aKilledHubLeavesEveryAnsweredRequestInTheLedgerExactlyOnce() throws Exception {
        int port = FreePort.find();
        HubProcess hub = bed.startHub("crash-test", port, Map.of());
        bed.share("records");
        String consumer = bed.consumer();
        URI target = bed.shareUri(port, "records", "/records/1");

        SteadyLoad load = new SteadyLoad(12, target, consumer, 0);
        Set<String> answered = load.answered();
        await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 500);
        hub.kill();
        load.close();

        // Every answered call recorded, none twice.
        bed.assertRecordedOnce(answered);

        // The hub comes back on the same database and goes on counting.
        bed.startHub("crash-test", port, Map.of());
        HttpResponse<Void> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target)
                .header(ProcessTestBed.CONSUMER_HEADER, consumer).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, after.statusCode());
        String tx = after.headers().firstValue("X-Transaction-Id").orElseThrow();
        assertEquals(1, bed.scalar("SELECT count(*) FROM ledger_entry WHERE transaction_id = ?", tx));
        // Events left in the outbox by the killed instance are published by the new one.
        await().atMost(Duration.ofSeconds(60)).until(() -> bed.scalar("SELECT count(*) FROM outbox") == 0);
    }
}
