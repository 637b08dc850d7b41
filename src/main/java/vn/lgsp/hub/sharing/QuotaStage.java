package vn.lgsp.hub.sharing;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.access.GrantCache;
import vn.lgsp.hub.access.Quotas;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.Map;

/**
 * Enforces the grant's quotas (requests per second, per day) across all hub instances: over the
 * quota, 429 {@code quota-exceeded} with {@code Retry-After}. Runs after the access check.
 */
@ApplicationScoped
public class QuotaStage implements SharingStage {

    @Inject
    GrantCache grants;
    @Inject
    Quotas quotas;

    @Override
    public int order() {
        return 500;
    }

    @Override
    public Future<ConnectorResponse> apply(SharingExchange exchange, Chain next) {
        return exchange.onLoop(grants.find(exchange.consumer(), exchange.providerCode(), exchange.serviceCode()))
                .compose(grant -> {
                    if (grant == null || (grant.requestsPerSecond() == null && grant.requestsPerDay() == null)) {
                        return next.proceed(exchange);
                    }
                    return exchange.onLoop(quotas.acquire(grant)).compose(wait -> wait == 0 ? next.proceed(exchange)
                            : Future.failedFuture(new ProblemException(ErrorCode.QUOTA_EXCEEDED,
                                    "the grant's quota is used up; retry after " + wait + " seconds", null, null,
                                    Map.of("Retry-After", Long.toString(wait)))));
                });
    }
}
