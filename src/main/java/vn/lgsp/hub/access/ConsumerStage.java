package vn.lgsp.hub.access;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Facts;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;

/**
 * Who is calling ({@link Facts#CONSUMER}): identified from the caller's request, or, on a road
 * where the hub itself calls on a subscriber's behalf, the subscriber the road named. Either way
 * only an active registered system gets further.
 */
@ApplicationScoped
public class ConsumerStage implements Stage {

    @Inject
    CallerIdentification callers;
    @Inject
    ActiveSystems systems;

    @Override
    public StageId id() {
        return StageId.CONSUMER;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        if (exchange.has(Facts.CONSUMER)) {
            return exchange.onLoop(systems.isActive(exchange.consumer()))
                    .compose(active -> active ? next.proceed(exchange) : Future.failedFuture(CallerIdentification.notActive()));
        }
        return exchange.onLoop(callers.activeCaller(exchange.inbound(), exchange.transactionId(), exchange.target()))
                .compose(consumer -> {
                    exchange.establish(Facts.CONSUMER, consumer);
                    return next.proceed(exchange);
                });
    }
}
