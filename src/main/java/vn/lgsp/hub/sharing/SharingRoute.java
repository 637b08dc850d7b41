package vn.lgsp.hub.sharing;

import vn.lgsp.hub.routing.StandardMethods;
import vn.lgsp.hub.routing.SharingPath;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.access.ConsumerIdentifier;
import vn.lgsp.hub.audit.AuditLog;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Answers;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.ExchangeFailures;
import vn.lgsp.hub.exchange.ExchangePipeline;
import vn.lgsp.hub.exchange.Facts;
import vn.lgsp.hub.exchange.Road;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.Problem;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;

/**
 * The sharing API: {@code ANY /share/{provider}/{service}/{path below the service}?query}.
 * A raw Vert.x route (not JAX-RS) so bodies stream both ways and nothing blocks the event loop.
 * It checks the request's shape, runs the {@link ExchangePipeline} on the {@link Road#SHARING}
 * road, and streams the answer back.
 */
@ApplicationScoped
public class SharingRoute {

    private static final Logger LOG = Logger.getLogger(SharingRoute.class);
    static final String PREFIX = "/share/";

    @Inject
    ExchangePipeline pipeline;
    @Inject
    SharingConfig config;
    @Inject
    ConsumerIdentifier identifier;
    @Inject
    ObjectMapper mapper;
    @Inject
    AuditLog audit;

    void register(@Observes Router router) {
        // Ahead of Quarkus's global body-size check (order -2): sharing bodies are limited per
        // service while they stream, and may be far larger than the management API's limit.
        // Ahead of Quarkus's security handlers too (CORS -300 .. authorization -100): the sharing
        // API authenticates its callers itself, and those handlers cost a fifth of the routing CPU.
        router.route("/share/*").order(-400).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (expectsBody(request)) {
            // Hold the body until the pipeline decides where it goes (or that it goes nowhere).
            request.pause();
        }
        String transactionId = TransactionIds.assigned(rc);
        Exchange exchange;
        try {
            exchange = parse(request, transactionId, TransactionIds.correlationOf(rc));
        } catch (ProblemException e) {
            refused(request, null, null, transactionId, e);
            problem(request, transactionId, e);
            return;
        }
        pipeline.run(exchange).onComplete(result -> answer(exchange, result));
    }

    /**
     * A call refused before it was routed has no ledger row (the ledger records routed calls);
     * the audit trail keeps it instead, so an operator finds it by the transaction id the caller
     * was given. Refusals of the caller's identity are audited where they are decided.
     */
    private void refused(HttpServerRequest request, String consumer, String provider, String transactionId, ProblemException e) {
        if (e.error() == ErrorCode.CONSUMER_UNIDENTIFIED || e.error() == ErrorCode.CONSUMER_NOT_ACTIVE) {
            return;
        }
        SocketAddress remote = request.remoteAddress();
        audit.denied(AuditLog.Event.refused(consumer == null ? "unidentified" : consumer, remote == null ? null : remote.hostAddress(),
                provider, request.method().name() + " " + request.path(), transactionId, e.error().code(), e.getMessage()));
    }

    private Exchange parse(HttpServerRequest request, String transactionId, String correlationId) {
        if (!request.uri().startsWith("/")) {
            throw ProblemException.field(ErrorCode.PATH_REJECTED, "path", "absolute-form request targets are not accepted");
        }
        if (!StandardMethods.ALL.contains(request.method().name())) {
            // TRACE echoes the caller's headers (credentials too), CONNECT opens a tunnel, and an
            // unknown token means whatever the provider's stack makes of it: none reaches a provider.
            throw new ProblemException(ErrorCode.METHOD_NOT_ALLOWED, "the sharing API accepts " + StandardMethods.ALLOW_HEADER,
                    "method", java.util.List.of(), java.util.Map.of("Allow", StandardMethods.ALLOW_HEADER));
        }
        String rest = request.path().length() > PREFIX.length() ? request.path().substring(PREFIX.length()) : "";
        int slash = rest.indexOf('/');
        String provider = slash < 0 ? rest : rest.substring(0, slash);
        String afterProvider = slash < 0 ? "" : rest.substring(slash + 1);
        int next = afterProvider.indexOf('/');
        String service = next < 0 ? afterProvider : afterProvider.substring(0, next);
        String path = next < 0 ? "/" : afterProvider.substring(next);
        if (!isCode(provider)) {
            throw ProblemException.field(ErrorCode.PROVIDER_NOT_FOUND, "providerCode", "the URL names no valid provider code");
        }
        if (!isCode(service)) {
            throw ProblemException.field(ErrorCode.SERVICE_NOT_FOUND, "serviceCode", "the URL names no valid service code");
        }
        SharingHeaders.check(request.headers(), config.maxHeaders());
        String checkedPath = SharingPath.check(path);
        MultiMap forward = SharingHeaders.towardsProvider(request.headers(), identifier.identityHeader(), request.remoteAddress(),
                request.scheme(), correlationId);
        long length = contentLength(request);
        return Exchange.on(Road.SHARING, transactionId)
                .correlationId(correlationId)
                .inbound(request)
                .traceparent(request.getHeader("traceparent"))
                .call(request.method().name(), checkedPath, request.query())
                .target(provider, service, request.getHeader(SharingHeaders.SERVICE_VERSION))
                .forwardHeaders(forward)
                // Even without a body the request is the stream: connectors read it to its (immediate) end.
                .body(ContinueOnDemand.of(request), length)
                .build();
    }

    private static boolean expectsBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.headers().contains("Transfer-Encoding") || (length != null && !length.trim().equals("0"));
    }

    private static boolean isCode(String value) {
        return FieldChecks.isSlug(value);
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return request.headers().contains("Transfer-Encoding") ? -1 : 0;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw ProblemException.field(ErrorCode.HEADER_REJECTED, "Content-Length", "Content-Length must be a non-negative number");
        }
    }

    private void answer(Exchange exchange, AsyncResult<ConnectorResponse> result) {
        HttpServerRequest request = exchange.inbound();
        HttpServerResponse response = request.response();
        if (result.failed()) {
            ProblemException problem = ExchangeFailures.toProblem(result.cause(), exchange.transactionId());
            if (!exchange.has(Facts.ROUTE)) {
                refused(request, exchange.has(Facts.CONSUMER) ? exchange.consumer() : null, null, exchange.transactionId(), problem);
            }
            problem(request, exchange.transactionId(), problem);
            exchange.completed(!response.closed(), 0);
            return;
        }
        ConnectorResponse answer = result.result();
        if (response.closed()) {
            Answers.discard(answer);
            exchange.completed(false, 0);
            return;
        }
        response.setStatusCode(answer.status());
        response.headers().addAll(SharingHeaders.towardsCaller(answer.headers()));
        boolean noBody = request.method() == HttpMethod.HEAD || answer.status() == 204 || answer.status() == 304;
        if (noBody) {
            Answers.discard(answer);
            response.end().onComplete(done -> exchange.completed(done.succeeded(), 0));
            return;
        }
        if (answer.bodyLength() >= 0) {
            response.putHeader("Content-Length", Long.toString(answer.bodyLength()));
        } else {
            response.setChunked(true);
        }
        answer.body().pipe().endOnFailure(false).to(response).onComplete(piped -> {
            if (piped.failed()) {
                // Headers are gone already: the only honest signal left is to break the
                // connection, so the caller cannot mistake a cut-off answer for a whole one.
                LOG.debugf("answer to tx %s cut off: %s", exchange.transactionId(), piped.cause().toString());
                Answers.discard(answer);
                response.reset();
            }
            exchange.completed(piped.succeeded(), response.bytesWritten());
        });
    }

    private void problem(HttpServerRequest request, String transactionId, ProblemException e) {
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.closed()) {
            return;
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Problem.of(e, request.path(), transactionId));
        } catch (JsonProcessingException jsonFailure) {
            throw new IllegalStateException(jsonFailure);
        }
        response.setStatusCode(e.error().status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        e.headers().forEach(response::putHeader);
        if (!request.isEnded() && expectsBody(request)) {
            // The body was never read: close rather than leave it on a kept-alive connection.
            response.putHeader("Connection", "close");
        }
        response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
