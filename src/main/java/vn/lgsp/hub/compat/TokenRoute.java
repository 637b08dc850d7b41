package vn.lgsp.hub.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import vn.lgsp.hub.access.ClientSystems;
import vn.lgsp.hub.audit.AuditLog;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.Problem;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The token endpoint clients of today's LGSPs call ({@code POST /token} and any configured
 * path): a client-credentials form with the credentials in an {@code lgspaccesstoken} header, in
 * HTTP Basic, or in the form. The hub asks its identity provider for the token with those very
 * credentials ({@link IdentityProviderTokens}) and answers in WSO2 API Manager's shape. Only a
 * client mapped to an active system is passed on to the provider; only once the provider accepted
 * the credentials does the caller learn anything about its profile. Every refusal is audited,
 * never with the secret.
 */
@ApplicationScoped
public class TokenRoute {

    private static final Pattern SCOPE = Pattern.compile("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*$");
    private static final Set<String> FORM_FIELDS = Set.of("grant_type", "client_id", "client_secret", "scope");

    @Inject
    CompatConfig config;
    @Inject
    ClientSystems clients;
    @Inject
    CompatDirectory directory;
    @Inject
    IdentityProviderTokens identityProvider;
    @Inject
    ObjectMapper mapper;
    @Inject
    AuditLog audit;

    /** Whose credentials, and in which convention they came. */
    private record Credentials(String clientId, String secret, String convention, String partnerCode) {
        @Override
        public String toString() {
            return "Credentials[" + clientId + ", " + convention + "]";
        }
    }

    void register(@Observes Router router) {
        // Ahead of Quarkus's body and security handlers, like the sharing API: the endpoint reads
        // its own (bounded) body and authenticates the caller itself.
        for (String path : config.tokenPaths()) {
            router.route(path).order(-400).handler(this::handle);
        }
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String transactionId = TransactionIds.assigned(rc);
        if (request.method() != HttpMethod.POST) {
            refuse(request, transactionId, "anonymous", new ProblemException(ErrorCode.METHOD_NOT_ALLOWED, "the token endpoint accepts POST",
                    "method", java.util.List.of(), Map.of("Allow", "POST")));
            return;
        }
        String type = request.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            refuse(request, transactionId, "anonymous", ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "Content-Type",
                    "send the token request as application/x-www-form-urlencoded"));
            return;
        }
        // Who the refusal is audited against: nobody until credentials name a client, then its system once known.
        String[] actor = {"anonymous"};
        body(rc).compose(body -> {
                    Map<String, String> form = form(body.toString(StandardCharsets.UTF_8));
                    if (!"client_credentials".equals(form.get("grant_type"))) {
                        throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "grant_type", "grant_type must be client_credentials");
                    }
                    String scope = form.get("scope");
                    if (scope != null && (scope.length() > 500 || !SCOPE.matcher(scope).matches())) {
                        throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "scope", "scope must be space-separated scope tokens");
                    }
                    Credentials credentials = credentials(request, form);
                    actor[0] = "client:" + credentials.clientId();
                    return Future.fromCompletionStage(clients.systemOf(credentials.clientId()), rc.vertx().getOrCreateContext())
                            .compose(system -> {
                                if (system == null) {
                                    // Told apart from a wrong secret in the audit trail only: the caller learns nothing.
                                    return Future.failedFuture(new ProblemException(ErrorCode.TOKEN_REFUSED,
                                            "the client credentials were refused", "unmapped", null,
                                            Map.of("WWW-Authenticate", "Basic realm=\"lgsp-hub\"")));
                                }
                                actor[0] = system;
                                return identityProvider.clientCredentials(credentials.clientId(), credentials.secret(), scope)
                                        .compose(issued -> Future.fromCompletionStage(directory.view(), rc.vertx().getOrCreateContext())
                                                .map(view -> allowed(view.profileOf(system), credentials, issued)));
                            });
                })
                .onSuccess(answer -> {
                    HttpServerResponse response = request.response();
                    if (!response.closed()) {
                        response.setStatusCode(200).putHeader("Content-Type", "application/json")
                                .putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache").end(Buffer.buffer(answer));
                    }
                })
                .onFailure(failure -> {
                    ProblemException problem = failure instanceof ProblemException p ? p
                            : new ProblemException(ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE, "the identity provider did not answer; retry shortly");
                    if ("unmapped".equals(problem.field())) {
                        audit(request, transactionId, actor[0], problem.error(), "the client is not mapped to an active registered system");
                        answer(request, transactionId, refused());
                    } else {
                        refuse(request, transactionId, actor[0], problem);
                    }
                });
    }

    /** The provider accepted the credentials; the hub's own rules decide whether the caller gets the token. */
    private byte[] allowed(CompatProfile profile, Credentials credentials, IdentityProviderTokens.Issued issued) {
        boolean enabled = credentials.convention().equals("lgsp-token") ? profile.lgspAccessToken() : profile.wso2();
        if (!enabled) {
            throw ProblemException.field(ErrorCode.PROFILE_NOT_ENABLED, credentials.convention().equals("lgsp-token") ? LgspAccessToken.HEADER
                    : "Authorization", "the system's compatibility profile does not enable this way of asking for a token; an admin enables it");
        }
        if (credentials.convention().equals("lgsp-token")
                && (credentials.partnerCode() == null || !credentials.partnerCode().equalsIgnoreCase(profile.partnerCode()))) {
            throw ProblemException.field(ErrorCode.PARTNER_CODE_MISMATCH, "PartnerCode", "PartnerCode must be the agency code of the client's system");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", issued.accessToken());
        answer.put("scope", issued.scope());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", issued.expiresIn());
        try {
            return mapper.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Credentials in one place only: RFC 6749 forbids more than one, and a hub must not guess which counts. */
    private static Credentials credentials(HttpServerRequest request, Map<String, String> form) {
        String lgsp = request.getHeader(LgspAccessToken.HEADER);
        String authorization = request.getHeader("Authorization");
        boolean inForm = form.containsKey("client_id") || form.containsKey("client_secret");
        int places = (lgsp != null ? 1 : 0) + (authorization != null ? 1 : 0) + (inForm ? 1 : 0);
        if (places == 0) {
            throw new ProblemException(ErrorCode.TOKEN_REFUSED, "send client credentials: an lgspaccesstoken header, HTTP Basic, or client_id and client_secret",
                    null, null, Map.of("WWW-Authenticate", "Basic realm=\"lgsp-hub\""));
        }
        if (places > 1) {
            throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "Authorization", "send the client credentials in one place only");
        }
        if (lgsp != null) {
            LgspAccessToken token = LgspAccessToken.decode(lgsp);
            return new Credentials(token.accessKey(), token.secretKey(), "lgsp-token", token.partnerCode());
        }
        if (authorization != null) {
            if (authorization.length() > 4096 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "Authorization", "the token endpoint accepts HTTP Basic client credentials");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "Authorization", "the Basic credentials are not Base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0 || colon == decoded.length() - 1) {
                throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "Authorization", "the Basic credentials are not consumerKey:consumerSecret");
            }
            // RFC 6749 2.3.1: both parts are form-encoded before Basic encoding.
            return new Credentials(formDecode(decoded.substring(0, colon)), formDecode(decoded.substring(colon + 1)), "wso2", null);
        }
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (id == null || id.isBlank() || secret == null || secret.isEmpty()) {
            throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, id == null || id.isBlank() ? "client_id" : "client_secret",
                    "send both client_id and client_secret");
        }
        return new Credentials(id, secret, "wso2", null);
    }

    /** The form, each field at most once, only fields the endpoint knows. */
    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&", 20)) {
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            if (!FORM_FIELDS.contains(name)) {
                continue;
            }
            if (form.put(name, value) != null) {
                throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, name, name + " is given more than once");
            }
        }
        return form;
    }

    private static String formDecode(String value) {
        try {
            String decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
            if (decoded.length() > 1024 || decoded.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException();
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "body", "the form is not well encoded");
        }
    }

    /** The body, at most {@code lgsp.compat.max-token-request-bytes}, within the identity provider's timeout. */
    private Future<Buffer> body(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        int max = config.maxTokenRequestBytes();
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = length.strip().length() > 12 ? Long.MAX_VALUE : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                return Future.failedFuture(ProblemException.field(ErrorCode.HEADER_REJECTED, "Content-Length",
                        "Content-Length must be a non-negative number"));
            }
            if (declared > max) {
                return Future.failedFuture(tooLarge(max));
            }
        }
        Promise<Buffer> read = Promise.promise();
        Buffer body = Buffer.buffer();
        long timer = rc.vertx().setTimer(config.identityProviderTimeout().toMillis(), id ->
                read.tryFail(new ProblemException(ErrorCode.REQUEST_BODY_TIMEOUT, "the token request's body did not arrive in time")));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > max) {
                read.tryFail(tooLarge(max));
            } else if (!read.future().isComplete()) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(read::tryFail);
        request.endHandler(v -> read.tryComplete(body));
        return read.future().onComplete(done -> rc.vertx().cancelTimer(timer));
    }

    private static ProblemException tooLarge(int max) {
        return new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE, "a token request body has at most " + max + " bytes");
    }

    private static ProblemException refused() {
        return new ProblemException(ErrorCode.TOKEN_REFUSED, "the client credentials were refused", null, null,
                Map.of("WWW-Authenticate", "Basic realm=\"lgsp-hub\""));
    }

    private void audit(HttpServerRequest request, String transactionId, String actor, ErrorCode code, String detail) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        audit.denied(AuditLog.Event.accessDenied(actor, "", ip, null, "POST " + limit(request.path()), transactionId, code.code(), detail));
    }

    /** Every refusal is audited (its detail is the hub's own text, never a credential) and answered as a problem. */
    private void refuse(HttpServerRequest request, String transactionId, String actor, ProblemException e) {
        audit(request, transactionId, actor, e.error(), e.getMessage());
        answer(request, transactionId, e);
    }

    private void answer(HttpServerRequest request, String transactionId, ProblemException e) {
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.closed()) {
            return;
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Problem.of(e, limit(request.path()), transactionId));
        } catch (JsonProcessingException jsonFailure) {
            throw new IllegalStateException(jsonFailure);
        }
        response.setStatusCode(e.error().status()).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Cache-Control", "no-store");
        e.headers().forEach(response::putHeader);
        if (!request.isEnded()) {
            response.putHeader("Connection", "close");
        }
        response.end(Buffer.buffer(body));
    }

    private static String limit(String path) {
        return path.length() > 200 ? path.substring(0, 200) : path;
    }
}
