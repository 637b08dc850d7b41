package vn.lgsp.hub.access;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.Map;

/**
 * Enforces the grant's quotas (requests per second, per day) across all hub instances: over the
 * quota, 429 {@code quota-exceeded} with {@code Retry-After}. Uses the grant the access stage
 * established; none when grants are not enforced.
 */
@ApplicationScoped
public class QuotaStage implements Stage {

    @Inject
    Quotas quotas;

    @Override
    public StageId id() {
        return StageId.QUOTA;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        Grant grant = exchange.has(AccessStage.GRANT) ? exchange.get(AccessStage.GRANT) : null;
        if (grant == null || (grant.requestsPerSecond() == null && grant.requestsPerDay() == null)) {
            return next.proceed(exchange);
        }
        return exchange.onLoop(quotas.acquire(grant)).compose(wait -> wait == 0 ? next.proceed(exchange)
                : Future.failedFuture(new ProblemException(ErrorCode.QUOTA_EXCEEDED,
                        "the grant's quota is used up; retry after " + wait + " seconds", null, null,
                        Map.of("Retry-After", Long.toString(wait)))));
    }
}
