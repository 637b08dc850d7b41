package vn.lgsp.hub.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Client-credentials tokens from the hub's OpenID Connect provider, asked for with the caller's
 * own credentials: the provider stays the one authority for them, and the hub stores none. Its
 * token endpoint comes from configuration or, once, from the issuer's discovery document.
 */
@ApplicationScoped
public class IdentityProviderTokens {

    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    @Inject
    Vertx vertx;
    @Inject
    CompatConfig config;
    @Inject
    ObjectMapper mapper;

    private HttpClient client;
    private volatile Future<String> endpoint;

    /** What the provider issued. */
    public record Issued(String accessToken, String scope, long expiresIn) {
    }

    /**
     * A token for {@code clientId}; fails with {@code token-refused} when the provider refuses the
     * credentials, {@code token-request-invalid} for a request it finds malformed (an unknown
     * scope), {@code identity-provider-unavailable} when it cannot be asked.
     */
    public Future<Issued> clientCredentials(String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret)
                + (scope == null ? "" : "&scope=" + encode(scope));
        return tokenEndpoint().compose(url -> http().request(options(HttpMethod.POST, url))
                        .compose(request -> request.putHeader("Content-Type", "application/x-www-form-urlencoded")
                                .putHeader("Accept", "application/json").send(Buffer.buffer(form)))
                        .compose(response -> bounded(response).map(body -> issued(response.statusCode(), body))))
                .recover(failure -> Future.failedFuture(failure instanceof ProblemException ? failure : unavailable()));
    }

    private Issued issued(int status, Buffer body) {
        JsonNode answer = parse(body);
        if (status == 200 && answer != null && answer.path("access_token").isTextual()) {
            return new Issued(answer.get("access_token").asText(), answer.path("scope").asText(""), answer.path("expires_in").asLong(0));
        }
        String error = answer == null ? "" : answer.path("error").asText("");
        if (status == 401 || error.equals("invalid_client") || error.equals("unauthorized_client")) {
            throw new ProblemException(ErrorCode.TOKEN_REFUSED, "the identity provider refused these client credentials");
        }
        if (status == 400) {
            throw ProblemException.field(ErrorCode.TOKEN_REQUEST_INVALID, "scope",
                    "the identity provider refused the request" + (error.matches("[a-z_]{1,40}") ? " (" + error + ")" : ""));
        }
        throw unavailable();
    }

    private Future<String> tokenEndpoint() {
        if (config.tokenEndpoint().isPresent()) {
            return Future.succeededFuture(config.tokenEndpoint().get());
        }
        Future<String> known = endpoint;
        if (known != null && (!known.isComplete() || known.succeeded())) {
            return known;
        }
        String issuer = ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class).orElse(null);
        if (issuer == null || issuer.isBlank()) {
            return Future.failedFuture(unavailable());
        }
        String discovery = (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration";
        Future<String> discovered = http().request(options(HttpMethod.GET, discovery))
                .compose(request -> request.putHeader("Accept", "application/json").send())
                .compose(response -> bounded(response).map(body -> {
                    JsonNode document = parse(body);
                    if (response.statusCode() != 200 || document == null || !document.path("token_endpoint").isTextual()) {
                        throw unavailable();
                    }
                    return document.get("token_endpoint").asText();
                }));
        endpoint = discovered;
        return discovered;
    }

    private Future<Buffer> bounded(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        if (length != null && length.length() > 7) {
            return Future.failedFuture(unavailable());
        }
        return response.body().map(body -> {
            if (body.length() > MAX_ANSWER_BYTES) {
                throw unavailable();
            }
            return body;
        });
    }

    private JsonNode parse(Buffer body) {
        try {
            return mapper.readTree(body.getBytes());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private RequestOptions options(HttpMethod method, String url) {
        return new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setIdleTimeout(config.identityProviderTimeout().toMillis())
                .setConnectTimeout(config.identityProviderTimeout().toMillis());
    }

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(16).setKeepAlive(true));
    }

    private HttpClient http() {
        return client;
    }

    void stop(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE, "the identity provider did not answer; retry shortly");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
