package vn.lgsp.hub.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.ExchangeFailures;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Live figures for operators at {@code /q/metrics}: {@code lgsp_transactions_total} by road,
 * provider, consumer, service and outcome, and {@code lgsp_transaction_duration_seconds} by road,
 * provider, service and outcome. Every road counts here, as it does in the ledger, so summed over
 * roads the metric and the reports agree. Tags come only from registered codes, and past
 * {@value #MAX_SERIES} combinations new ones are folded into {@code other}, so a large
 * registry cannot blow up the time-series database.
 */
@ApplicationScoped
public class TransactionMetrics implements Stage {

    static final int MAX_SERIES = 5_000;
    private static final Duration[] SLO = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private record Key(String road, String provider, String consumer, String service, String outcome) {
    }

    private record Meters(Counter count, Timer duration) {
    }

    @Inject
    MeterRegistry registry;

    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

    @Override
    public StageId id() {
        return StageId.METRICS;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        return next.proceed(exchange).andThen(result -> {
            int status = result.succeeded() ? result.result().status()
                    : ExchangeFailures.toProblem(result.cause(), exchange.transactionId()).error().status();
            Meters m = meters(new Key(exchange.road().wire(), exchange.route().providerCode(), exchange.consumer(), exchange.route().service().code(),
                    outcome(status, result.succeeded())));
            m.count().increment();
            m.duration().record(System.nanoTime() - exchange.startNanos(), TimeUnit.NANOSECONDS);
        });
    }

    static String outcome(int status, boolean answeredByProvider) {
        if (status < 400) {
            return "success";
        }
        if (status == 401 || status == 403 || status == 429) {
            return "denied";
        }
        if (status < 500) {
            return "client_error";
        }
        return answeredByProvider || status == 502 || status == 504 ? "provider_error" : "hub_error";
    }

    private Meters meters(Key key) {
        Meters existing = meters.get(key);
        if (existing != null) {
            return existing;
        }
        Key tagged = meters.size() >= MAX_SERIES ? new Key(key.road(), "other", "other", "other", key.outcome()) : key;
        return meters.computeIfAbsent(tagged, k -> new Meters(
                Counter.builder("lgsp.transactions").description("Transactions the hub made with providers, by road")
                        .tag("road", k.road()).tag("provider", k.provider()).tag("consumer", k.consumer()).tag("service", k.service())
                        .tag("outcome", k.outcome()).register(registry),
                Timer.builder("lgsp.transaction.duration").description("Time from request to answer decided")
                        .tag("road", k.road()).tag("provider", k.provider()).tag("service", k.service()).tag("outcome", k.outcome())
                        .serviceLevelObjectives(SLO).register(registry)));
    }
}
