package vn.lgsp.hub.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.lgsp.hub.audit.Audits;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.Problem;
import vn.lgsp.hub.problem.TransactionIds;

/**
 * Authentication and authorization failures of the management API as problem documents with
 * stable codes ({@code unauthenticated}, {@code forbidden}); every one is audited. The reason a
 * token was refused is not told to the caller (it helps only an attacker).
 */
public class SecurityProblems {

    @Inject
    Audits audits;

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        audits.denied(null, request.method() + " " + request.path(), ErrorCode.FORBIDDEN.code(), "role not allowed");
        return problem(request, ErrorCode.FORBIDDEN, "your role does not allow this operation").build();
    }

    private Response unauthenticated(HttpServerRequest request) {
        audits.unauthenticated(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(), TransactionIds.of(request),
                request.method() + " " + request.path(), ErrorCode.UNAUTHENTICATED.code(), "no valid bearer token");
        return problem(request, ErrorCode.UNAUTHENTICATED, "send a valid bearer access token from the hub's identity provider")
                .header("WWW-Authenticate", "Bearer").build();
    }

    static Response.ResponseBuilder problem(HttpServerRequest request, ErrorCode code, String detail) {
        return Response.status(code.status()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, request == null ? null : request.path(), null, TransactionIds.of(request), null));
    }
}
