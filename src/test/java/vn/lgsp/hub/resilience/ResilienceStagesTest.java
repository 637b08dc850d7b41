package vn.lgsp.hub.resilience;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.testing.Configs;
import vn.lgsp.hub.testing.ExchangeFixtures;
import vn.lgsp.hub.testing.ExchangeFixtures.CountingProvider;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resilience stages on their own, in front of a provider that counts its calls. */
class ResilienceStagesTest {

    private static final Route ROUTE = ExchangeFixtures.route(ExchangeFixtures.service(1024, 4096, 0), UUID.randomUUID());

    @Test
    void theBreakerOpensAfterTheThresholdAndTheProviderIsNotCalledWhileOpen() {
        CircuitBreakerStage breaker = new CircuitBreakerStage();
        breaker.config = Configs.of(SharingConfig.class, Map.of("breakerFailureThreshold", 3));
        CountingProvider failing = CountingProvider.answering(503);
        for (int i = 0; i < 3; i++) {
            assertEquals(503, breaker.apply(ExchangeFixtures.exchange("GET", ROUTE), failing).result().status());
        }

        Future<ConnectorResponse> refused = breaker.apply(ExchangeFixtures.exchange("GET", ROUTE), failing);

        assertEquals(ErrorCode.CIRCUIT_OPEN, problem(refused).error());
        assertTrue(problem(refused).headers().containsKey("Retry-After"));
        assertEquals(3, failing.calls(), "an open breaker answers without calling the provider");
        assertEquals("open", breaker.state(ROUTE.endpoint().id().toString()));
    }

    @Test
    void theBulkheadRefusesPastTheLimitAndFreesASlotWhenACallCompletes() {
        ConsumerBulkheadStage bulkhead = new ConsumerBulkheadStage();
        bulkhead.config = Configs.of(SharingConfig.class, Map.of("maxInFlightPerConsumer", 2));
        CountingProvider provider = CountingProvider.answering(200);
        Exchange first = ExchangeFixtures.exchange("GET", ROUTE);
        bulkhead.apply(first, provider);
        bulkhead.apply(ExchangeFixtures.exchange("GET", ROUTE), provider);

        Future<ConnectorResponse> third = bulkhead.apply(ExchangeFixtures.exchange("GET", ROUTE), provider);
        assertEquals(ErrorCode.TOO_MANY_CONCURRENT_CALLS, problem(third).error());
        assertEquals(2, provider.calls());

        first.completed(true, 0);
        assertEquals(200, bulkhead.apply(ExchangeFixtures.exchange("GET", ROUTE), provider).result().status());
        assertEquals(3, provider.calls());
    }

    @Test
    void aDeclaredBodyOverTheServiceLimitNeverReachesTheProvider() {
        LimitsStage limits = new LimitsStage();
        CountingProvider provider = CountingProvider.answering(200);

        Future<ConnectorResponse> refused = limits.apply(ExchangeFixtures.withBody(ROUTE, 1025), provider);

        assertEquals(ErrorCode.REQUEST_TOO_LARGE, problem(refused).error());
        assertEquals("body", problem(refused).field());
        assertEquals(0, provider.calls());
    }

    @Test
    void retriesOnlyIdempotentCallsWithoutABodyAndOnlyWhenTheServiceAllows() {
        RetryStage retry = new RetryStage();
        retry.config = Configs.of(SharingConfig.class, Map.of());
        Route noRetries = ROUTE;
        CountingProvider failing = CountingProvider.answering(503);
        assertEquals(503, retry.apply(ExchangeFixtures.exchange("GET", noRetries), failing).result().status());
        Route twoRetries = ExchangeFixtures.route(ExchangeFixtures.service(1024, 4096, 2), UUID.randomUUID());
        assertEquals(503, retry.apply(ExchangeFixtures.exchange("POST", twoRetries), failing).result().status());
        assertEquals(2, failing.calls(), "no retry for a service without retries, nor for a POST");
    }

    private static ProblemException problem(Future<?> future) {
        assertTrue(future.failed(), "expected a refusal");
        return assertInstanceOf(ProblemException.class, future.cause());
    }
}
