package vn.lgsp.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One consuming system cannot take every slot: past its limit it gets 429, others keep being served. */
@QuarkusTest
@TestProfile(FairnessIT.TwoCallsPerConsumer.class)
class FairnessIT {

    public static class TwoCallsPerConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lgsp.sharing.max-in-flight-per-consumer", "2");
        }
    }

    @Test
    void aGreedyConsumerIsHeldBackWhileOthersAreServed() throws Exception {
        AtomicInteger held = new AtomicInteger();
        try (ProviderFixture fixture = new ProviderFixture("fair", (request, response) -> {
            if (request.uri().contains("slow")) {
                held.incrementAndGet();
                // answered when the test releases it by calling /release
            } else if (request.uri().contains("release")) {
                response.end("released");
            } else {
                response.end("fast");
            }
        })) {
            fixture.service("any", "GET", "/**", Map.of());
            String other = Api.activeSystem(Api.uniqueCode("fair-other"));
            Api.grant(other, fixture.provider(), "any");
            List<CompletableFuture<Integer>> greedy = List.of(
                    CompletableFuture.supplyAsync(() -> fixture.asConsumer().get(fixture.url("any", "/slow/1")).statusCode()),
                    CompletableFuture.supplyAsync(() -> fixture.asConsumer().get(fixture.url("any", "/slow/2")).statusCode()));
            await().atMost(Duration.ofSeconds(10)).until(() -> held.get() == 2);

            Api.problem(fixture.asConsumer().get(fixture.url("any", "/fast")).then(), 429, "too-many-concurrent-calls");
            RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, other).get(fixture.url("any", "/fast"))
                    .then().statusCode(200);

            fixture.stub().close();
            for (CompletableFuture<Integer> call : greedy) {
                assertEquals(true, call.get(30, TimeUnit.SECONDS) >= 500, "held calls end when the provider goes away");
            }
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    fixture.asConsumer().get(fixture.url("any", "/fast")).statusCode() != 429);
        }
    }
}
