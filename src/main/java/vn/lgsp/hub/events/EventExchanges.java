package vn.lgsp.hub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.support.http.BufferReadStream;
import vn.lgsp.hub.exchange.Answers;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.ExchangeFailures;
import vn.lgsp.hub.exchange.ExchangePipeline;

/**
 * Runs the pull and publish roads from the events API: the exchange goes through the pipeline
 * like any call, its JSON answer becomes the API's answer, and the road reports completion.
 */
@ApplicationScoped
class EventExchanges {

    @Inject
    ExchangePipeline pipeline;
    @Inject
    ObjectMapper mapper;

    Uni<Response> answer(Exchange exchange) {
        Future<Response> answered = pipeline.run(exchange)
                .compose(response -> Answers.collect(response.body()).map(body -> {
                    exchange.completed(true, body.length());
                    return Response.status(response.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body.getBytes()).build();
                }))
                .onFailure(e -> exchange.completed(false, 0));
        return Uni.createFrom().completionStage(answered.toCompletionStage())
                .onFailure().transform(e -> ExchangeFailures.toProblem(e, exchange.transactionId()));
    }

    /** An answer of the event roads' terminals: JSON, in memory. */
    ConnectorResponse json(Exchange exchange, int status, Object entity) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", MediaType.APPLICATION_JSON);
        return new ConnectorResponse(status, headers, new BufferReadStream(exchange.context(), Buffer.buffer(body)), body.length, null);
    }
}
