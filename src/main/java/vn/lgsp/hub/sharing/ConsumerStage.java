package vn.lgsp.hub.sharing;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.access.ActiveSystems;
import vn.lgsp.hub.audit.AuditLog;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import java.util.Map;

/**
 * Who is calling: an unidentified caller learns nothing else (not even whether the provider
 * exists), and only an active registered system may call.
 */
@ApplicationScoped
public class ConsumerStage implements SharingStage {

    @Inject
    ConsumerIdentifier identifier;
    @Inject
    ActiveSystems systems;
    @Inject
    AuditLog audit;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Future<ConnectorResponse> apply(SharingExchange exchange, Chain next) {
        return exchange.onLoop(identifier.identify(exchange.request())).compose(consumer -> {
            if (!FieldChecks.isSlug(consumer)) {
                denied(exchange, "unidentified", ErrorCode.CONSUMER_UNIDENTIFIED);
                return Future.failedFuture(new ProblemException(ErrorCode.CONSUMER_UNIDENTIFIED,
                        "the request does not identify a registered calling system"));
            }
            return exchange.onLoop(systems.isActive(consumer)).compose(active -> {
                if (!active) {
                    denied(exchange, consumer, ErrorCode.CONSUMER_NOT_ACTIVE);
                    return Future.failedFuture(ProblemException.field(ErrorCode.CONSUMER_NOT_ACTIVE, "consumer",
                            "the calling system is not registered or not active"));
                }
                exchange.consumer(consumer);
                return next.proceed(exchange);
            });
        });
    }

    private void denied(SharingExchange exchange, String actor, ErrorCode code) {
        audit.denied(new AuditLog.Event(actor, "", null, exchange.request().remoteAddress() == null ? null
                : exchange.request().remoteAddress().hostAddress(), "access.denied", "denied", null,
                exchange.method() + " /share/" + exchange.providerCode() + "/" + exchange.serviceCode(), exchange.transactionId(),
                Map.of("code", code.code())));
    }
}
