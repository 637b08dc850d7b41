package vn.lgsp.hub.ledger;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.exchange.Answers;
import vn.lgsp.hub.exchange.DigestingStream;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.ExchangeFailures;
import vn.lgsp.hub.exchange.Facts;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records every resolved call on every road (granted or denied, answered or failed) and lets the
 * answer go on only once its record is committed: a hub killed at any moment leaves every
 * answered call in the ledger exactly once. Runs right after the route is resolved, so only
 * real provider services are counted.
 */
@ApplicationScoped
public class LedgerStage implements Stage {

    /** Service option asking for SHA-256 digests of both bodies as proof of what was exchanged. */
    static final String DIGEST_OPTION = "ledger.digest";

    @Inject
    LedgerConfig config;
    @Inject
    LedgerWriter writer;
    @Inject
    LedgerCompletions completions;
    @Inject
    InstanceName instance;

    @Override
    public StageId id() {
        return StageId.LEDGER;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        if (!config.enabled()) {
            return next.proceed(exchange);
        }
        if (!writer.accepting()) {
            return Future.failedFuture(unavailable());
        }
        boolean digests = "sha256".equalsIgnoreCase(exchange.route().service().options().get(DIGEST_OPTION));
        DigestingStream[] requestDigest = new DigestingStream[1];
        if (digests) {
            exchange.wrapBody(body -> requestDigest[0] = DigestingStream.of(body));
        }
        return next.proceed(exchange).transform(result -> {
            ProblemException problem = result.failed() ? ExchangeFailures.toProblem(result.cause(), exchange.transactionId()) : null;
            ConnectorResponse answer = result.succeeded() ? result.result() : null;
            DigestingStream responseDigest = answer != null && digests ? DigestingStream.of(answer.body()) : null;
            ConnectorResponse forwarded = responseDigest == null ? answer
                    : new ConnectorResponse(answer.status(), answer.headers(), responseDigest, answer.bodyLength(), answer.fault());
            LedgerEntry entry = entry(exchange, answer, problem, requestDigest[0]);
            return exchange.onLoop(writer.record(entry).toCompletionStage()).transform(written -> {
                if (written.failed()) {
                    if (answer != null) {
                        Answers.discard(answer);
                    }
                    return Future.failedFuture(unavailable());
                }
                exchange.onCompletion(done -> completions.add(new LedgerCompletions.Completion(LedgerWriter.day(entry.receivedAt()),
                        entry.consumerCode(), entry.transactionId(), Instant.now(), done.responseBytes(), done.delivered(),
                        responseDigest == null ? null : responseDigest.sha256())));
                return problem != null ? Future.failedFuture(problem) : Future.succeededFuture(forwarded);
            });
        });
    }

    private LedgerEntry entry(Exchange exchange, ConnectorResponse answer, ProblemException problem,
                              DigestingStream requestDigest) {
        Route route = exchange.route();
        long decidedNanos = exchange.responseInNanos() != 0 ? exchange.responseInNanos() : System.nanoTime();
        Instant received = exchange.receivedAt();
        int status = answer != null ? answer.status() : problem.error().status();
        String fault = answer != null ? truncate(answer.fault()) : null;
        return new LedgerEntry(
                exchange.transactionId(), exchange.correlationId(), received, exchange.consumer(), route.providerCode(), route.service().code(),
                route.service().version(), exchange.road().ledgerConnector(route), exchange.method(), route.operation(),
                at(received, exchange, exchange.requestOutNanos()), at(received, exchange, exchange.responseInNanos()),
                (decidedNanos - exchange.startNanos()) / 1_000,
                exchange.requestBytes(), answer != null ? Math.max(0, answer.bodyLength()) : 0,
                status, answer != null && status < 400 && fault == null,
                problem != null ? problem.error().code() : null, fault,
                requestDigest == null ? null : requestDigest.sha256(), instance.value(),
                exchange.find(Facts.CLIENT_PROFILE));
    }

    private static Instant at(Instant received, Exchange exchange, long nanos) {
        return nanos == 0 ? null : received.plusNanos(nanos - exchange.startNanos());
    }

    private static String truncate(String fault) {
        return fault == null || fault.length() <= 500 ? fault : fault.substring(0, 500);
    }

    static ProblemException unavailable() {
        return new ProblemException(ErrorCode.LEDGER_UNAVAILABLE,
                "the hub cannot record transactions right now, so it does not route them; retry shortly",
                null, List.of(), Map.of("Retry-After", "1"));
    }
}
