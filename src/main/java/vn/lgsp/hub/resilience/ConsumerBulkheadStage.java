package vn.lgsp.hub.resilience;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fairness between consuming systems: one caller may hold at most
 * {@code lgsp.sharing.max-in-flight-per-consumer} calls open on this instance at once, so a
 * flood from one system (or a slow provider it keeps calling) cannot take every connection and
 * event-loop turn from the others. Beyond it: 429 with Retry-After.
 */
@ApplicationScoped
public class ConsumerBulkheadStage implements Stage {

    @Inject
    SharingConfig config;

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    @Override
    public StageId id() {
        return StageId.BULKHEAD;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        AtomicInteger open = inFlight.computeIfAbsent(exchange.consumer(), c -> new AtomicInteger());
        if (open.incrementAndGet() > config.maxInFlightPerConsumer()) {
            open.decrementAndGet();
            return Future.failedFuture(new ProblemException(ErrorCode.TOO_MANY_CONCURRENT_CALLS,
                    "this system already has " + config.maxInFlightPerConsumer() + " calls in progress; retry shortly",
                    null, List.of(), Map.of("Retry-After", "1")));
        }
        exchange.onCompletion(done -> open.decrementAndGet());
        return next.proceed(exchange);
    }
}
