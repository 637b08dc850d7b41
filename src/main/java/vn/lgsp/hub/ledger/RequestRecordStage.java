package vn.lgsp.hub.ledger;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Facts;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;

/**
 * Fails closed: a call goes on to its provider only once its request record is committed. When
 * the ledger cannot write it, or not within the commit deadline, the call is refused with 503
 * {@code ledger-unavailable} and the provider never sees it. Runs last before the provider (after
 * grants, quotas, breaker and limits, so refusals cost no extra write) and before retries (one
 * record per call, however many attempts).
 */
@ApplicationScoped
public class RequestRecordStage implements Stage {

    @Inject
    LedgerConfig config;
    @Inject
    RequestRecords records;
    @Inject
    InstanceName instance;

    @Override
    public StageId id() {
        return StageId.REQUEST_RECORD;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        if (!config.enabled() || !config.recordRequests()) {
            return next.proceed(exchange);
        }
        Route route = exchange.route();
        RequestRecord record = new RequestRecord(exchange.transactionId(), exchange.correlationId(), exchange.receivedAt(),
                exchange.consumer(), route.providerCode(), route.service().code(), route.service().version(),
                exchange.road().ledgerConnector(route), exchange.method(), route.operation(), instance.value(),
                exchange.find(Facts.CLIENT_PROFILE));
        return exchange.onLoop(records.record(record).toCompletionStage())
                .transform(written -> written.failed() ? Future.failedFuture(LedgerStage.unavailable()) : next.proceed(exchange));
    }
}
