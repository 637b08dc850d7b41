package vn.lgsp.hub.ledger;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.config.HubConfig;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.SharedService;
import vn.lgsp.hub.sharing.Route;
import vn.lgsp.hub.sharing.SharingExchange;
import vn.lgsp.hub.sharing.SharingFailures;
import vn.lgsp.hub.sharing.SharingStage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records every routed request (granted or denied, answered or failed) and lets the answer go
 * to the caller only once its record is committed: a hub killed at any moment leaves every
 * answered request in the ledger exactly once. Runs right after routing is resolved, so only
 * real provider services are counted.
 */
@ApplicationScoped
public class LedgerStage implements SharingStage {

    /** Service option asking for SHA-256 digests of both bodies as proof of what was exchanged. */
    static final String DIGEST_OPTION = "ledger.digest";

    @Inject
    LedgerConfig config;
    @Inject
    LedgerWriter writer;
    @Inject
    LedgerCompletions completions;
    @Inject
    HubConfig hub;

    @Override
    public int order() {
        return 250;
    }

    @Override
    public Future<ConnectorResponse> apply(SharingExchange exchange, Chain next) {
        if (!config.enabled()) {
            return next.proceed(exchange);
        }
        if (!writer.accepting()) {
            return Future.failedFuture(unavailable());
        }
        boolean digests = "sha256".equalsIgnoreCase(exchange.route().service().options().get(DIGEST_OPTION));
        DigestingStream requestDigest = digests ? new DigestingStream(exchange.body()) : null;
        if (requestDigest != null) {
            exchange.body(requestDigest, exchange.bodyLength());
        }
        return next.proceed(exchange).transform(result -> {
            ProblemException problem = result.failed() ? SharingFailures.toProblem(result.cause(), exchange.transactionId()) : null;
            ConnectorResponse answer = result.succeeded() ? result.result() : null;
            DigestingStream responseDigest = answer != null && digests ? new DigestingStream(answer.body()) : null;
            ConnectorResponse forwarded = responseDigest == null ? answer
                    : new ConnectorResponse(answer.status(), answer.headers(), responseDigest, answer.bodyLength(), answer.fault());
            LedgerEntry entry = entry(exchange, answer, problem, requestDigest);
            return exchange.onLoop(writer.record(entry).toCompletionStage()).transform(written -> {
                if (written.failed()) {
                    if (answer != null) {
                        answer.body().handler(b -> { }).exceptionHandler(e -> { }).resume();
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

    private LedgerEntry entry(SharingExchange exchange, ConnectorResponse answer, ProblemException problem,
                              DigestingStream requestDigest) {
        Route route = exchange.route();
        SharedService service = route.service();
        long decidedNanos = exchange.responseInNanos() != 0 ? exchange.responseInNanos() : System.nanoTime();
        Instant received = exchange.receivedAt();
        int status = answer != null ? answer.status() : problem.error().status();
        String fault = answer != null ? truncate(answer.fault()) : null;
        return new LedgerEntry(
                exchange.transactionId(), received, exchange.consumer(), route.provider().code(), service.code(),
                service.version(), route.endpoint().connectorType(), exchange.method(),
                service.pathPattern() != null ? service.pathPattern() : service.soapOperation(),
                at(received, exchange, exchange.requestOutNanos()), at(received, exchange, exchange.responseInNanos()),
                (decidedNanos - exchange.startNanos()) / 1_000,
                exchange.requestBytes(), answer != null ? Math.max(0, answer.bodyLength()) : 0,
                status, answer != null && status < 400 && fault == null,
                problem != null ? problem.error().code() : null, fault,
                requestDigest == null ? null : requestDigest.sha256(), hub.instance());
    }

    private static Instant at(Instant received, SharingExchange exchange, long nanos) {
        return nanos == 0 ? null : received.plusNanos(nanos - exchange.startNanos());
    }

    private static String truncate(String fault) {
        return fault == null || fault.length() <= 500 ? fault : fault.substring(0, 500);
    }

    private static ProblemException unavailable() {
        return new ProblemException(ErrorCode.LEDGER_UNAVAILABLE,
                "the hub cannot record transactions right now, so it does not route them; retry shortly",
                null, List.of(), Map.of("Retry-After", "1"));
    }
}
