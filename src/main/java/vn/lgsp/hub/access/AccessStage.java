package vn.lgsp.hub.access;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.audit.AuditLog;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Fact;
import vn.lgsp.hub.exchange.Road;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

/**
 * Lets a call through only under an active, unexpired grant for this consumer and service (on
 * the sharing road, only below the paths the grant lists), and establishes it as {@link #GRANT}
 * for the stages after. Refusals of a caller are audited; a push refused for want of a grant is
 * a delivery outcome, recorded by the push.
 */
@ApplicationScoped
public class AccessStage implements Stage {

    /** The grant the call goes under; absent only when grants are not enforced (benchmarks). */
    public static final Fact<Grant> GRANT = Fact.of("grant", Grant.class);

    @Inject
    GrantCache grants;
    @Inject
    SharingConfig config;
    @Inject
    AuditLog audit;

    @Override
    public StageId id() {
        return StageId.ACCESS;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        if (!config.enforceGrants()) {
            return next.proceed(exchange);
        }
        return exchange.onLoop(grants.find(exchange.consumer(), exchange.route().providerCode(), exchange.route().service().code()))
                .compose(grant -> {
                    if (grant == null) {
                        return denied(exchange, exchange.road() == Road.SHARING ? "the calling system holds no grant for this service"
                                : "the calling system holds no active grant for this event type");
                    }
                    // Granted paths are the provider's paths; only the sharing road forwards one.
                    if (exchange.road() == Road.SHARING && !grant.allowsPath(exchange.path())) {
                        return denied(exchange, "the calling system's grant does not cover this path");
                    }
                    exchange.establish(GRANT, grant);
                    return next.proceed(exchange);
                });
    }

    private Future<ConnectorResponse> denied(Exchange exchange, String why) {
        if (exchange.road().callerWaits()) {
            audit.denied(AuditLog.Event.accessDenied(exchange.consumer(), "", exchange.sourceIp(), exchange.route().providerCode(),
                    exchange.target(), exchange.transactionId(), ErrorCode.ACCESS_DENIED.code(), why));
        }
        return Future.failedFuture(ProblemException.field(ErrorCode.ACCESS_DENIED,
                exchange.road() == Road.SHARING ? "serviceCode" : "eventType", why));
    }
}
