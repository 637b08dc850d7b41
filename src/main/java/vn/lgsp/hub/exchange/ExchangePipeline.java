package vn.lgsp.hub.exchange;

import io.quarkus.arc.All;
import io.quarkus.arc.ClientProxy;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one road to every provider: the stages of {@link StageId} in its order, the ones that
 * apply to the exchange's {@link Road}, ending at the exchange's terminal (the route's connector
 * unless the road answers itself, as a pull from Kafka does).
 */
@ApplicationScoped
public class ExchangePipeline {

    /** The header that names the calling system to the provider. */
    public static final String CONSUMER_HEADER = "X-LGSP-Consumer";

    private final Map<Road, List<Stage>> byRoad = new EnumMap<>(Road.class);

    ExchangePipeline(@All List<Stage> stages) {
        Map<StageId, Stage> byId = new EnumMap<>(StageId.class);
        for (Stage proxied : stages) {
            // The stages are application-scoped: calling through their client proxies on every
            // step of every call was a measurable part of the routing CPU, for nothing.
            Stage stage = ClientProxy.unwrap(proxied);
            Stage previous = byId.put(stage.id(), stage);
            if (previous != null) {
                throw new IllegalStateException("two stages claim " + stage.id() + ": " + name(previous) + " and " + name(stage));
            }
        }
        for (StageId id : StageId.values()) {
            if (!byId.containsKey(id)) {
                throw new IllegalStateException("no stage implements " + id);
            }
        }
        for (Road road : Road.values()) {
            List<Stage> onRoad = new ArrayList<>();
            for (StageId id : StageId.values()) {
                if (id.appliesTo(road)) {
                    onRoad.add(byId.get(id));
                }
            }
            byRoad.put(road, List.copyOf(onRoad));
        }
    }

    public Future<ConnectorResponse> run(Exchange exchange) {
        return step(byRoad.get(exchange.road()), 0, exchange);
    }

    private Future<ConnectorResponse> step(List<Stage> stages, int index, Exchange exchange) {
        if (index == stages.size()) {
            return answer(exchange);
        }
        try {
            return stages.get(index).apply(exchange, next -> step(stages, index + 1, next));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static Future<ConnectorResponse> answer(Exchange exchange) {
        exchange.markRequestOut();
        Future<ConnectorResponse> answer;
        try {
            answer = exchange.terminal() != null ? exchange.terminal().apply(exchange) : callConnector(exchange);
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        return answer.andThen(result -> exchange.markResponseIn());
    }

    private static Future<ConnectorResponse> callConnector(Exchange exchange) {
        // The exchange's own copy (built for this call), not copied again: set, not added, so a retry sends it once.
        MultiMap headers = exchange.forwardHeaders();
        headers.set(CONSUMER_HEADER, exchange.consumer());
        Route route = exchange.route();
        ConnectorRequest request = new ConnectorRequest(exchange.transactionId(), exchange.traceparent(), exchange.method(),
                exchange.path(), exchange.rawQuery(), headers, exchange.body(), exchange.bodyLength(), route.binding());
        return route.connector().exchange(request);
    }

    /** The stages a road runs, in order, by class name: for documentation and tests. */
    public List<String> describe(Road road) {
        return byRoad.get(road).stream().map(ExchangePipeline::name).toList();
    }

    private static String name(Stage stage) {
        return stage.id() + " " + stage.getClass().getSimpleName().replace("_Subclass", "").replace("_ClientProxy", "");
    }
}
