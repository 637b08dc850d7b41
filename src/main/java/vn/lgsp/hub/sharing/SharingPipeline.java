package vn.lgsp.hub.sharing;

import io.quarkus.arc.All;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;

import java.util.Comparator;
import java.util.List;

/**
 * The ordered stages around the connector. Every {@link SharingStage} bean takes part, in
 * {@link SharingStage#order()}; the last step hands the exchange to the route's connector.
 */
@ApplicationScoped
public class SharingPipeline {

    private final List<SharingStage> stages;

    SharingPipeline(@All List<SharingStage> stages) {
        this.stages = stages.stream().sorted(Comparator.comparingInt(SharingStage::order)).toList();
    }

    public Future<ConnectorResponse> run(SharingExchange exchange) {
        return step(0, exchange);
    }

    private Future<ConnectorResponse> step(int index, SharingExchange exchange) {
        if (index == stages.size()) {
            return callConnector(exchange);
        }
        try {
            return stages.get(index).apply(exchange, next -> step(index + 1, next));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static Future<ConnectorResponse> callConnector(SharingExchange exchange) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(exchange.forwardHeaders());
        headers.set(SharingHeaders.CONSUMER, exchange.consumer());
        Route route = exchange.route();
        ConnectorRequest request = new ConnectorRequest(exchange.transactionId(), exchange.traceparent(), exchange.method(),
                exchange.path(), exchange.rawQuery(), headers, exchange.body(), exchange.bodyLength(), route.binding());
        exchange.markRequestOut();
        Future<ConnectorResponse> answer;
        try {
            answer = route.connector().exchange(request);
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        return answer.andThen(result -> exchange.markResponseIn());
    }

    /** The stages in the order they run, for documentation and tests. */
    public List<String> describe() {
        return stages.stream().map(stage -> stage.order() + " " + stage.getClass().getSimpleName().replace("_Subclass", "")).toList();
    }
}
