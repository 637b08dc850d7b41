package vn.lgsp.hub.resilience;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops sending calls to an endpoint that keeps failing (no answer, or 502/503/504), so a dead
 * provider costs callers a fast 503 with Retry-After instead of a timeout each, and recovers by
 * itself through trial calls.
 */
@ApplicationScoped
public class CircuitBreakerStage implements Stage {

    @Inject
    SharingConfig config;

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    @Override
    public StageId id() {
        return StageId.BREAKER;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        String endpoint = exchange.route().endpoint().id().toString();
        CircuitBreaker breaker = breakers.computeIfAbsent(endpoint,
                id -> new CircuitBreaker(config.breakerFailureThreshold(), config.breakerOpenFor().toMillis()));
        long now = System.currentTimeMillis();
        if (!breaker.tryAcquire(now)) {
            String retryAfter = Long.toString(breaker.retryAfterSeconds(now));
            return Future.failedFuture(new ProblemException(ErrorCode.CIRCUIT_OPEN,
                    "the provider's endpoint keeps failing; calls resume after a trial succeeds", null, List.of(),
                    Map.of("Retry-After", retryAfter)));
        }
        return next.proceed(exchange).andThen(result -> {
            // A policy refusal says nothing of the provider's health.
            boolean failed = result.failed()
                    ? result.cause() instanceof ConnectorException e && e.kind() != ConnectorException.Kind.EGRESS_REFUSED
                    : isProviderFailure(result.result().status());
            if (failed) {
                breaker.failed(System.currentTimeMillis());
            } else if (result.succeeded()) {
                breaker.succeeded();
            } else {
                breaker.released();
            }
        });
    }

    static boolean isProviderFailure(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** The breaker state of an endpoint, for monitoring; CLOSED when it never failed. */
    public String state(String endpointId) {
        CircuitBreaker breaker = breakers.get(endpointId);
        return breaker == null ? "closed" : breaker.state().name().toLowerCase();
    }
}
