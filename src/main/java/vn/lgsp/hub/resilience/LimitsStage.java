package vn.lgsp.hub.resilience;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.exchange.Answers;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.SharedService;

/**
 * The service's size limits and the bodies' deadlines. A declared length over the limit is
 * refused before any byte moves (413 for requests, 502 for answers); a streamed body is cut the
 * moment it passes the limit. A caller's body must keep moving ({@code caller-idle-timeout}
 * between buffers) and be in within the endpoint's request timeout (else 408); a provider's
 * answer must keep moving within the endpoint's timeout, and the caller must keep reading it.
 */
@ApplicationScoped
public class LimitsStage implements Stage {

    @Inject
    Vertx vertx;
    @Inject
    SharingConfig config;

    @Override
    public StageId id() {
        return StageId.LIMITS;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        SharedService service = exchange.route().service();
        if (exchange.bodyLength() > service.maxRequestBytes()) {
            return Future.failedFuture(tooLargeRequest(service));
        }
        long callerIdle = config.callerIdleTimeout().toMillis();
        long endpointTimeout = exchange.route().endpoint().requestTimeoutMs();
        LimitedStream[] body = new LimitedStream[1];
        IdleGuardStream[] bodyGuard = new IdleGuardStream[1];
        exchange.wrapBody(stream -> body[0] = new LimitedStream(exchange.hasBody()
                ? bodyGuard[0] = new IdleGuardStream(stream, vertx, callerIdle, 0, endpointTimeout, "the request body")
                : stream, service.maxRequestBytes()));
        return next.proceed(exchange).transform(result -> {
            if (bodyGuard[0] != null) {
                // Answered (or failed): what is left of the body no longer holds anything up.
                bodyGuard[0].disarm();
            }
            // A provider that timed out while the caller was still sending was waiting for the caller.
            boolean callerStillSending = bodyGuard[0] != null && !bodyGuard[0].ended() && result.failed()
                    && result.cause() instanceof ConnectorException e && e.kind() == ConnectorException.Kind.TIMEOUT;
            if (bodyGuard[0] != null && (bodyGuard[0].timedOut() || callerStillSending)) {
                if (result.succeeded()) {
                    Answers.discard(result.result());
                }
                return Future.failedFuture(ProblemException.field(ErrorCode.REQUEST_BODY_TIMEOUT, "body",
                        "the request body must keep moving (" + callerIdle + " ms at most between parts) and be sent within "
                                + endpointTimeout + " ms"));
            }
            if (body[0] != null && body[0].exceeded()) {
                if (result.succeeded()) {
                    Answers.discard(result.result());
                }
                return Future.failedFuture(tooLargeRequest(service));
            }
            if (result.failed()) {
                return Future.failedFuture(result.cause());
            }
            ConnectorResponse response = result.result();
            if (response.bodyLength() > service.maxResponseBytes()) {
                Answers.discard(response);
                return Future.failedFuture(new ProblemException(ErrorCode.RESPONSE_TOO_LARGE,
                        "the provider's answer is larger than this service allows (" + service.maxResponseBytes() + " bytes)"));
            }
            // A stalled answer counts against the endpoint's timeout between chunks, not just to the
            // first byte; a caller who stops reading it, against the caller idle timeout.
            IdleGuardStream guarded = new IdleGuardStream(response.body(), vertx, endpointTimeout, callerIdle, 0, "the answer");
            LimitedStream limited = new LimitedStream(guarded, service.maxResponseBytes());
            return Future.succeededFuture(new ConnectorResponse(response.status(), response.headers(),
                    limited, response.bodyLength(), response.fault()));
        });
    }

    private static ProblemException tooLargeRequest(SharedService service) {
        return ProblemException.field(ErrorCode.REQUEST_TOO_LARGE, "body",
                "this service accepts request bodies of at most " + service.maxRequestBytes() + " bytes");
    }

}
