package vn.lgsp.hub.access;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.lgsp.hub.access.ClientSystems;
import vn.lgsp.hub.audit.AuditLog;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.identity.SecurityConfig;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Identifies a sharing caller by its OIDC access token (OAuth2 client credentials): Quarkus OIDC
 * validates the token (signature against the issuer's JWKS, expiry, issuer, audience) without
 * blocking; the token must carry the {@code integrator} role, and its client id ({@code azp} /
 * {@code client_id}) must be mapped to exactly one active system. A token that passed is
 * remembered briefly ({@link VerifiedTokens}): validating a JWT was the largest part of the hub's
 * CPU per request. Every refusal is audited.
 */
@ApplicationScoped
@Typed(TokenConsumerIdentifier.class)
public class TokenConsumerIdentifier implements ConsumerIdentifier {

    private static final int MAX_TOKEN_LENGTH = 8192;

    @Inject
    TenantIdentityProvider identities;
    @Inject
    ClientSystems clients;
    @Inject
    SecurityConfig config;
    @Inject
    AuditLog audit;
    @Inject
    VerifiedTokens verified;

    @Override
    public CompletionStage<String> identify(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.length() > MAX_TOKEN_LENGTH) {
            return CompletableFuture.failedFuture(unauthenticated(request, "anonymous", "no bearer token"));
        }
        String token = header.substring(7).trim();
        long now = System.currentTimeMillis();
        String known = verified.clientOf(token, now);
        if (known != null) {
            return systemOf(request, known, Roles.INTEGRATOR);
        }
        return identities.authenticate(new AccessTokenCredential(token)).subscribeAsCompletionStage()
                .handle((identity, failure) -> identity)
                .thenCompose(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        throw unauthenticated(request, "anonymous", "invalid, expired or foreign token");
                    }
                    String clientId = clientId(identity);
                    if (!identity.hasRole(Roles.INTEGRATOR)) {
                        throw deny(request, clientId == null ? Caller.name(identity) : clientId, Caller.roles(identity),
                                ErrorCode.FORBIDDEN, "only an integrator client calls the sharing API");
                    }
                    if (clientId == null) {
                        throw deny(request, Caller.name(identity), Caller.roles(identity), ErrorCode.CONSUMER_NOT_ACTIVE,
                                "the token names no client id");
                    }
                    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                        verified.remember(token, clientId, jwt.getExpirationTime() * 1000, now);
                    }
                    return systemOf(request, clientId, Caller.roles(identity));
                });
    }

    /** The mapping is looked up on every call, cached token or not: unmapping a client takes effect at once. */
    private CompletionStage<String> systemOf(HttpServerRequest request, String clientId, String roles) {
        return clients.systemOf(clientId).thenApply(code -> {
            if (code == null) {
                throw deny(request, clientId, roles, ErrorCode.CONSUMER_NOT_ACTIVE,
                        "the client is not mapped to an active registered system");
            }
            return code;
        });
    }

    /** The Authorization header: never forwarded to a provider (SharingHeaders drops it anyway). */
    @Override
    public String identityHeader() {
        return "Authorization";
    }

    private String clientId(SecurityIdentity identity) {
        for (String claim : config.clientIdClaims()) {
            String value = Caller.claim(identity, claim);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private ProblemException unauthenticated(HttpServerRequest request, String actor, String why) {
        record(request, actor, "", ErrorCode.UNAUTHENTICATED, why);
        return new ProblemException(ErrorCode.UNAUTHENTICATED, "send a valid bearer access token of an integrator client", null, null,
                Map.of("WWW-Authenticate", "Bearer"));
    }

    private ProblemException deny(HttpServerRequest request, String actor, String roles, ErrorCode code, String why) {
        record(request, actor, roles, code, why);
        return ProblemException.field(code, "Authorization", why);
    }

    private void record(HttpServerRequest request, String actor, String roles, ErrorCode code, String why) {
        audit.denied(AuditLog.Event.accessDenied(actor, roles, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                null, request.method().name() + " " + limit(request.path()), TransactionIds.of(request), code.code(), why));
    }

    private static String limit(String path) {
        return path.length() > 200 ? path.substring(0, 200) : path;
    }
}
