package vn.lgsp.hub.resilience;

import vn.lgsp.hub.exchange.Answers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.exchange.SharingConfig;

import java.util.Set;

/**
 * Retries a call that got no answer (or 502/503/504) only where that is safe: an idempotent
 * method, no request body (a streamed body cannot be replayed), and a service that allows it
 * ({@code retryAttempts} > 0). Back-off doubles from {@code lgsp.sharing.retry-backoff}.
 */
@ApplicationScoped
public class RetryStage implements Stage {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    @Inject
    SharingConfig config;
    @Inject
    Vertx vertx;

    @Override
    public StageId id() {
        return StageId.RETRY;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        int attempts = exchange.route().service().retryAttempts();
        if (attempts == 0 || !IDEMPOTENT.contains(exchange.method()) || exchange.hasBody()) {
            return next.proceed(exchange);
        }
        return attempt(exchange, next, attempts, config.retryBackoff().toMillis());
    }

    private Future<ConnectorResponse> attempt(Exchange exchange, Chain next, int retriesLeft, long backoffMillis) {
        return next.proceed(exchange).transform(result -> {
            boolean retryable = result.failed()
                    ? result.cause() instanceof ConnectorException e && e.kind() != ConnectorException.Kind.EGRESS_REFUSED
                    : CircuitBreakerStage.isProviderFailure(result.result().status());
            if (!retryable || retriesLeft == 0) {
                return result.succeeded() ? Future.succeededFuture(result.result()) : Future.failedFuture(result.cause());
            }
            if (result.succeeded()) {
                Answers.discard(result.result());
            }
            Promise<ConnectorResponse> later = Promise.promise();
            vertx.setTimer(backoffMillis, t -> attempt(exchange, next, retriesLeft - 1, backoffMillis * 2).onComplete(later));
            return later.future();
        });
    }
}
