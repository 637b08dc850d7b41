package vn.lgsp.hub.sharing;

import io.vertx.core.Future;
import vn.lgsp.hub.connector.spi.ConnectorResponse;

/**
 * One cross-cutting step of the sharing pipeline (identify, resolve, record, check access, limit,
 * break circuits, retry), wrapped around the connector like a filter: it may refuse by failing
 * with a {@link vn.lgsp.hub.problem.ProblemException}, pass on, and observe or change the answer.
 * Stages are CDI beans, run in {@link #order()}, on the event loop: they must not block.
 */
public interface SharingStage {

    /** Lower runs first (further out). Gaps are left for stages added later. */
    int order();

    Future<ConnectorResponse> apply(SharingExchange exchange, Chain next);

    /** The rest of the pipeline after a stage, ending at the connector. */
    interface Chain {
        Future<ConnectorResponse> proceed(SharingExchange exchange);
    }
}
