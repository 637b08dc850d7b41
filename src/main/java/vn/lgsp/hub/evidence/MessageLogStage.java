package vn.lgsp.hub.evidence;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.DigestingStream;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.ExchangeFailures;
import vn.lgsp.hub.exchange.Facts;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Gives every resolved call (refusals included) its message-log record: digests of the request's
 * head and body as routed and of the answer's head and body as sent back, taken while they
 * stream through, and appended once the road completed. Refuses new calls while the log cannot
 * keep up or stayed unsigned past its grace period (the {@code stop} rule), as X-Road does. For
 * services that opted in, a copy of both bodies goes to {@link RetainedBodies}.
 */
@ApplicationScoped
public class MessageLogStage implements Stage {

    @Inject
    MessageLogConfig config;
    @Inject
    MessageLogWriter writer;
    @Inject
    Checkpoints checkpoints;
    @Inject
    RetainedBodies bodies;

    @Override
    public StageId id() {
        return StageId.MESSAGE_LOG;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        if (!config.enabled()) {
            return next.proceed(exchange);
        }
        if (!writer.accepting() || !checkpoints.accepting()) {
            return Future.failedFuture(unavailable());
        }
        String requestHead = headDigest(exchange.method() + " " + exchange.path()
                + (exchange.rawQuery() == null || exchange.rawQuery().isEmpty() ? "" : "?" + exchange.rawQuery()), exchange.forwardHeaders());
        Integer keepDays = exchange.route().service().bodyRetentionDays();
        DigestingStream[] requestBody = new DigestingStream[1];
        BodyCapture[] requestCopy = new BodyCapture[1];
        exchange.wrapBody(body -> {
            requestBody[0] = DigestingStream.of(body);
            return keepDays == null ? requestBody[0] : (requestCopy[0] = bodies.capture(requestBody[0]));
        });
        return next.proceed(exchange).map(answer -> {
            DigestingStream responseBody = answer.body() == null ? null : DigestingStream.of(answer.body());
            BodyCapture responseCopy = keepDays == null || responseBody == null ? null : bodies.capture(responseBody);
            String responseHead = headDigest(Integer.toString(answer.status()), answer.headers());
            exchange.onCompletion(done -> {
                writer.append(transaction(exchange, answer.status(), null, done, answer.bodyLength(),
                        requestHead, requestBody[0], responseHead, responseBody == null ? EMPTY_SHA256 : responseBody.sha256()));
                keepBodies(exchange, keepDays, requestCopy[0], done.delivered() ? responseCopy : null, answer.headers());
            });
            return responseBody == null ? answer : new ConnectorResponse(answer.status(), answer.headers(),
                    responseCopy != null ? responseCopy : responseBody, answer.bodyLength(), answer.fault());
        }).recover(failure -> {
            ProblemException problem = ExchangeFailures.toProblem(failure, exchange.transactionId());
            exchange.onCompletion(done -> {
                writer.append(transaction(exchange, problem.error().status(), problem.error().code(), done,
                        0, requestHead, requestBody[0], null, null));
                keepBodies(exchange, keepDays, requestCopy[0], null, null);
            });
            return Future.failedFuture(problem);
        });
    }

    /** The request as the provider got it (refused calls too, once it went whole), and a delivered answer. */
    private void keepBodies(Exchange exchange, Integer days, BodyCapture request, BodyCapture response, MultiMap responseHeaders) {
        if (days == null) {
            return;
        }
        if (request != null) {
            bodies.keep(exchange.transactionId(), RetainedBodies.Part.REQUEST, exchange.forwardHeaders().get("Content-Type"), request, days);
        }
        if (response != null) {
            bodies.keep(exchange.transactionId(), RetainedBodies.Part.RESPONSE, responseHeaders.get("Content-Type"), response, days);
        }
    }

    private static LoggedTransaction transaction(Exchange exchange, int status, String errorCode, Exchange.Completion done,
                                                 long declaredBytes, String requestHead, DigestingStream requestBody,
                                                 String responseHead, String responseBody) {
        Route route = exchange.route();
        return new LoggedTransaction(exchange.transactionId(), exchange.correlationId(), exchange.receivedAt().toString(),
                Instant.now().toString(), exchange.road().wire(), exchange.consumer(), route.providerCode(), route.service().code(),
                route.service().version(), route.operation(), exchange.method(), exchange.find(Facts.CLIENT_PROFILE),
                status, errorCode, done.delivered(), exchange.requestBytes(),
                done.responseBytes() > 0 ? done.responseBytes() : Math.max(0, declaredBytes),
                requestHead, requestBody != null ? requestBody.sha256() : (exchange.hasBody() ? null : EMPTY_SHA256),
                responseHead, done.delivered() ? responseBody : null);
    }

    /** SHA-256 of nothing: a call without a body still proves it had none. */
    static final String EMPTY_SHA256 = HexFormat.of().formatHex(HashChain.sha256(new byte[0]));

    /**
     * The head as one text: its first line, then every header as {@code name: value} with names
     * in lower case, sorted by name and then value, so that the order a client or provider sent
     * them in does not change the digest.
     */
    static String headDigest(String firstLine, MultiMap headers) {
        List<String> lines = new ArrayList<>();
        if (headers != null) {
            for (Map.Entry<String, String> header : headers) {
                lines.add(header.getKey().toLowerCase(java.util.Locale.ROOT) + ": " + header.getValue());
            }
        }
        lines.sort(null);
        StringBuilder head = new StringBuilder(firstLine).append('\n');
        lines.forEach(line -> head.append(line).append('\n'));
        return HexFormat.of().formatHex(HashChain.sha256(head.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static ProblemException unavailable() {
        return new ProblemException(ErrorCode.LEDGER_UNAVAILABLE,
                "the hub cannot keep its signed message log right now, so it does not route calls; retry shortly",
                null, List.of(), Map.of("Retry-After", "1"));
    }
}
