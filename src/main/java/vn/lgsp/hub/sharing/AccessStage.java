package vn.lgsp.hub.sharing;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.access.GrantCache;
import vn.lgsp.hub.audit.AuditLog;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.Map;

/**
 * Lets a call through only under an active, unexpired grant for this consumer and service (and,
 * when the grant lists paths, only below them). Refusals are audited.
 */
@ApplicationScoped
public class AccessStage implements SharingStage {

    @Inject
    GrantCache grants;
    @Inject
    SharingConfig config;
    @Inject
    AuditLog audit;

    @Override
    public int order() {
        return 400;
    }

    @Override
    public Future<ConnectorResponse> apply(SharingExchange exchange, Chain next) {
        if (!config.enforceGrants()) {
            return next.proceed(exchange);
        }
        return exchange.onLoop(grants.find(exchange.consumer(), exchange.providerCode(), exchange.serviceCode()))
                .compose(grant -> {
                    if (grant == null) {
                        return denied(exchange, "the calling system holds no grant for this service");
                    }
                    if (!grant.allowsPath(exchange.path())) {
                        return denied(exchange, "the calling system's grant does not cover this path");
                    }
                    return next.proceed(exchange);
                });
    }

    private Future<ConnectorResponse> denied(SharingExchange exchange, String why) {
        audit.denied(new AuditLog.Event(exchange.consumer(), "", null, exchange.request().remoteAddress() == null ? null
                : exchange.request().remoteAddress().hostAddress(), "access.denied", "denied", exchange.providerCode(),
                exchange.method() + " /share/" + exchange.providerCode() + "/" + exchange.serviceCode(), exchange.transactionId(),
                Map.of("code", ErrorCode.ACCESS_DENIED.code(), "detail", why)));
        return Future.failedFuture(ProblemException.field(ErrorCode.ACCESS_DENIED, "serviceCode", why));
    }
}
