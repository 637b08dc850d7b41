package vn.lgsp.hub.exchange;

import io.vertx.core.Future;
import vn.lgsp.hub.connector.spi.ConnectorResponse;

/**
 * One cross-cutting step of the {@link ExchangePipeline} (identify, resolve, record, check access,
 * limit, break circuits, retry), wrapped around the provider's answer like a filter: it may refuse
 * by failing with a {@link vn.lgsp.hub.problem.ProblemException}, pass on, and observe or change
 * the answer.
 *
 * <p>Lifecycle: a stage is an application-scoped CDI bean, created once and shared by every
 * exchange; whatever it keeps per call belongs in the {@link Exchange} (as a {@link Fact}).
 * Where it runs and on which roads is decided by its {@link #id()} in {@link StageId}, not by
 * the stage.
 *
 * <p>Threading: {@link #apply} is called on the exchange's event loop and must not block; work
 * that completes elsewhere comes back through {@link Exchange#onLoop}.
 */
public interface Stage {

    /** Which stage this is: its place in the order and the roads it applies to. */
    StageId id();

    Future<ConnectorResponse> apply(Exchange exchange, Chain next);

    /** The rest of the pipeline after a stage, ending at the provider. */
    interface Chain {
        Future<ConnectorResponse> proceed(Exchange exchange);
    }
}
