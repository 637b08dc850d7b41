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
import vn.lgsp.hub.compat.ClientConventions;
import vn.lgsp.hub.compat.CompatAddress;
import vn.lgsp.hub.compat.CompatConfig;
import vn.lgsp.hub.compat.CompatDirectory;
import vn.lgsp.hub.compat.CompatProfile;
import vn.lgsp.hub.compat.FinanceEnvelope;
import vn.lgsp.hub.compat.LgspAccessToken;
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
 * The sharing API: {@code ANY /share/{provider}/{service}/{path below the service}?query}; and,
 * for consumers whose compatibility profile enables them, the addresses clients of today's LGSPs
 * call: {@code /{context}/{version}/{resource}} (WSO2) and the finance gateway paths.
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
    @Inject
    CompatConfig compat;
    @Inject
    CompatDirectory directory;

    /** Where a call's provider, service and path come from. */
    private enum Entry { SHARE, CONTEXT, GATEWAY }

    void register(@Observes Router router) {
        // Ahead of Quarkus's global body-size check (order -2): sharing bodies are limited per
        // service while they stream, and may be far larger than the management API's limit.
        // Ahead of Quarkus's security handlers too (CORS -300 .. authorization -100): the sharing
        // API authenticates its callers itself, and those handlers cost a fifth of the routing CPU.
        router.route("/share/*").order(-400).handler(rc -> handle(rc, Entry.SHARE, null));
        for (String path : compat.financePaths()) {
            router.route(path).order(-400).handler(rc -> handle(rc, Entry.GATEWAY, null));
            router.route(path.endsWith("/") ? path + "*" : path + "/*").order(-400).handler(rc -> handle(rc, Entry.GATEWAY, null));
        }
        // Behind every route of the hub's own at -400 (sharing, token): a path whose first segment
        // is a service's WSO2 context is a sharing call; any other goes on to the hub's own API.
        router.route().order(-399).handler(this::handleContext);
    }

    private void handleContext(RoutingContext rc) {
        String path = rc.request().path();
        int end = path == null || path.length() < 2 ? -1 : path.indexOf('/', 1);
        if (end < 0) {
            rc.next();
            return;
        }
        String context = path.substring(1, end);
        if (!CompatDirectory.mayBeContext(context)) {
            rc.next();
            return;
        }
        CompatDirectory.View view = directory.loaded();
        if (view != null) {
            routeContext(rc, view, context);
            return;
        }
        if (expectsBody(rc.request())) {
            // Left paused for whichever handler takes the call: each resumes the body it reads.
            rc.request().pause();
        }
        directory.view().whenComplete((loaded, failure) -> rc.vertx().runOnContext(v -> {
            if (loaded == null) {
                rc.next();
            } else {
                routeContext(rc, loaded, context);
            }
        }));
    }

    private void routeContext(RoutingContext rc, CompatDirectory.View view, String context) {
        CompatAddress address = view.byContext(context);
        if (address == null) {
            rc.next();
        } else {
            handle(rc, Entry.CONTEXT, context);
        }
    }

    void handle(RoutingContext rc, Entry entry, String context) {
        HttpServerRequest request = rc.request();
        if (expectsBody(request)) {
            // Hold the body until the pipeline decides where it goes (or that it goes nowhere).
            request.pause();
        }
        String transactionId = TransactionIds.assigned(rc);
        Exchange exchange;
        try {
            exchange = parse(request, entry, context, transactionId, TransactionIds.correlationOf(rc));
        } catch (ProblemException e) {
            refused(request, null, null, transactionId, e);
            problem(request, transactionId, e, envelopeBeforeIdentification(request), request.getHeader(ClientConventions.MSG_ID));
            return;
        }
        pipeline.run(exchange).onComplete(result -> answer(exchange, result));
    }

    /**
     * Before the caller is identified, its profile is known only by the client its
     * lgspaccesstoken names; that decides whether the hub's errors come in the finance envelope.
     */
    private boolean envelopeBeforeIdentification(HttpServerRequest request) {
        String header = request.getHeader(LgspAccessToken.HEADER);
        CompatDirectory.View view = header == null ? null : directory.loaded();
        if (view == null) {
            return false;
        }
        try {
            CompatProfile profile = view.profileOfClient(LgspAccessToken.decode(header).accessKey());
            return profile != null && profile.envelope();
        } catch (ProblemException malformed) {
            return false;
        }
    }

    private boolean envelope(Exchange exchange) {
        if (exchange.has(ClientConventions.ENVELOPE)) {
            return true;
        }
        return !exchange.has(Facts.CONSUMER) && envelopeBeforeIdentification(exchange.inbound());
    }

    private static String msgId(Exchange exchange) {
        ClientConventions used = exchange.find(ClientConventions.FACT);
        return used == null ? null : used.msgId();
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

    private Exchange parse(HttpServerRequest request, Entry entry, String context, String transactionId, String correlationId) {
        if (!request.uri().startsWith("/")) {
            throw ProblemException.field(ErrorCode.PATH_REJECTED, "path", "absolute-form request targets are not accepted");
        }
        if (!StandardMethods.ALL.contains(request.method().name())) {
            // TRACE echoes the caller's headers (credentials too), CONNECT opens a tunnel, and an
            // unknown token means whatever the provider's stack makes of it: none reaches a provider.
            throw new ProblemException(ErrorCode.METHOD_NOT_ALLOWED, "the sharing API accepts " + StandardMethods.ALLOW_HEADER,
                    "method", java.util.List.of(), java.util.Map.of("Allow", StandardMethods.ALLOW_HEADER));
        }
        SharingHeaders.check(request.headers(), config.maxHeaders());
        String provider = null;
        String service = null;
        String version = request.getHeader(SharingHeaders.SERVICE_VERSION);
        String path;
        ClientConventions conventions;
        switch (entry) {
            case SHARE -> {
                String rest = request.path().length() > PREFIX.length() ? request.path().substring(PREFIX.length()) : "";
                int slash = rest.indexOf('/');
                provider = slash < 0 ? rest : rest.substring(0, slash);
                String afterProvider = slash < 0 ? "" : rest.substring(slash + 1);
                int next = afterProvider.indexOf('/');
                service = next < 0 ? afterProvider : afterProvider.substring(0, next);
                path = next < 0 ? "/" : afterProvider.substring(next);
                if (!isCode(provider)) {
                    throw ProblemException.field(ErrorCode.PROVIDER_NOT_FOUND, "providerCode", "the URL names no valid provider code");
                }
                if (!isCode(service)) {
                    throw ProblemException.field(ErrorCode.SERVICE_NOT_FOUND, "serviceCode", "the URL names no valid service code");
                }
                conventions = ClientConventions.ofHeaders(request);
            }
            case CONTEXT -> {
                // /{context}/{version}/{resource...}: the version segment pins the service's version.
                String afterContext = request.path().substring(context.length() + 2);
                int slash = afterContext.indexOf('/');
                version = slash < 0 ? afterContext : afterContext.substring(0, slash);
                path = slash < 0 ? "/" : afterContext.substring(slash);
                if (version.isEmpty() || version.length() > 20) {
                    throw ProblemException.field(ErrorCode.PATH_REJECTED, "version", "a WSO2-style path names its version: /{context}/{version}/...");
                }
                conventions = ClientConventions.ofContext(request, context, version);
            }
            default -> {
                path = "/";
                conventions = ClientConventions.ofGateway(request);
            }
        }
        String checkedPath = SharingPath.check(path);
        MultiMap forward = SharingHeaders.towardsProvider(request.headers(), identifier.identityHeader(), request.remoteAddress(),
                request.scheme(), correlationId);
        if (conventions != null && conventions.msgId() != null) {
            forward.set(ClientConventions.MSG_ID, conventions.msgId());
        }
        long length = contentLength(request);
        Exchange exchange = Exchange.on(Road.SHARING, transactionId)
                .correlationId(correlationId)
                .inbound(request)
                .traceparent(request.getHeader("traceparent"))
                .call(request.method().name(), checkedPath, request.query())
                .target(provider, service, version)
                .forwardHeaders(forward)
                // Even without a body the request is the stream: connectors read it to its (immediate) end.
                .body(ContinueOnDemand.of(request), length)
                .build();
        if (conventions != null) {
            exchange.establish(ClientConventions.FACT, conventions);
        }
        return exchange;
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
            problem(request, exchange.transactionId(), problem, envelope(exchange), msgId(exchange));
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
        String msgId = msgId(exchange);
        if (msgId != null) {
            response.headers().set(ClientConventions.MSG_ID, msgId);
        }
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

    /**
     * The refusal as a problem document; or, for a caller whose profile asks for it, in the
     * finance envelope {@code {"error_code": "-1", "message", "result": null}} (the message leads
     * with the stable code), with the same HTTP status either way.
     */
    private void problem(HttpServerRequest request, String transactionId, ProblemException e, boolean envelope, String msgId) {
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.closed()) {
            return;
        }
        byte[] body;
        try {
            Problem problem = Problem.of(e, request.path(), transactionId);
            body = envelope ? mapper.writeValueAsBytes(FinanceEnvelope.of(problem)) : mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException jsonFailure) {
            throw new IllegalStateException(jsonFailure);
        }
        response.setStatusCode(e.error().status()).putHeader("Content-Type", envelope ? "application/json" : Problem.MEDIA_TYPE);
        e.headers().forEach(response::putHeader);
        if (msgId != null && FinanceEnvelope.isMessageId(msgId)) {
            response.putHeader(ClientConventions.MSG_ID, msgId);
        }
        if (!request.isEnded() && expectsBody(request)) {
            // The body was never read: close rather than leave it on a kept-alive connection.
            response.putHeader("Connection", "close");
        }
        response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
