package vn.lgsp.hub.connector.support.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import org.jboss.logging.Logger;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.Egress;
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.connector.spi.UpstreamAuth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * OAuth2 client credentials grant (RFC 6749 section 4.4). The token is cached until 30 s before
 * it expires; at most one refresh is in flight and every caller waiting meanwhile shares it, so a
 * burst of exchanges never floods the token endpoint.
 */
final class OAuth2ClientCredentials implements UpstreamAuthenticator {

    private static final Logger LOG = Logger.getLogger(OAuth2ClientCredentials.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long EXPIRY_MARGIN_MILLIS = 30_000;
    /** Used when the token endpoint does not say how long the token lives. */
    static final long DEFAULT_LIFETIME_MILLIS = 300_000;
    private static final int MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

    private record CachedToken(String value, long refreshAtMillis) {
    }

    private final URI tokenUrl;
    private final String clientId;
    private final String scope;
    private final boolean clientSecretInBody;
    private final Secret clientSecret;
    private final HttpClient client;
    private final Egress egress;
    private final Duration timeout;
    private final LongSupplier clock;
    private final AtomicReference<CachedToken> token = new AtomicReference<>();
    private final AtomicReference<Future<CachedToken>> refresh = new AtomicReference<>();

    OAuth2ClientCredentials(UpstreamAuth auth, HttpClient client, Duration timeout, Egress egress, LongSupplier clock) {
        this.tokenUrl = URI.create(auth.param("tokenUrl"));
        this.clientId = auth.param("clientId");
        this.scope = auth.param("scope");
        this.clientSecretInBody = "post".equalsIgnoreCase(auth.param("clientAuthentication"));
        this.clientSecret = ApiKeyAuthenticator.requireSecret(auth);
        this.client = client;
        this.egress = egress;
        this.timeout = timeout;
        this.clock = clock;
        if (clientId == null) {
            throw new IllegalArgumentException("OAuth2 needs a client id");
        }
    }

    @Override
    public Future<AuthHeader> header() {
        return currentToken().map(t -> new AuthHeader("Authorization", "Bearer " + t.value()));
    }

    @Override
    public void invalidate() {
        token.set(null);
    }

    private Future<CachedToken> currentToken() {
        while (true) {
            CachedToken cached = token.get();
            if (cached != null && clock.getAsLong() < cached.refreshAtMillis()) {
                return Future.succeededFuture(cached);
            }
            Future<CachedToken> inFlight = refresh.get();
            if (inFlight != null) {
                return inFlight;
            }
            Promise<CachedToken> promise = Promise.promise();
            if (refresh.compareAndSet(null, promise.future())) {
                fetch().onComplete(result -> {
                    if (result.succeeded()) {
                        token.set(result.result());
                    }
                    // Clear before completing, so that callers woken by the completion see the
                    // new token instead of the finished refresh.
                    refresh.compareAndSet(promise.future(), null);
                    promise.handle(result);
                });
                return promise.future();
            }
        }
    }

    private Future<CachedToken> fetch() {
        boolean ssl = "https".equalsIgnoreCase(tokenUrl.getScheme());
        int port = tokenUrl.getPort() > 0 ? tokenUrl.getPort() : (ssl ? 443 : 80);
        String uri = (tokenUrl.getRawPath() == null || tokenUrl.getRawPath().isEmpty() ? "/" : tokenUrl.getRawPath())
                + (tokenUrl.getRawQuery() == null ? "" : "?" + tokenUrl.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(tokenUrl.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(uri)
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("Accept", "application/json");
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (scope != null && !scope.isBlank()) {
            form.append("&scope=").append(encode(scope));
        }
        if (clientSecretInBody) {
            form.append("&client_id=").append(encode(clientId))
                    .append("&client_secret=").append(encode(clientSecret.reveal()));
        } else {
            // RFC 6749 section 2.3.1: id and secret are form-encoded before Basic encoding.
            options.putHeader("Authorization", BasicAuthenticator.basic(encode(clientId), encode(clientSecret.reveal())));
        }
        long started = clock.getAsLong();
        // An egress refusal of the token URL is told as such, not as an authentication failure.
        return egress.resolve(tokenUrl.getHost(), port)
                .compose(server -> client.request(options.setServer(SocketAddress.inetSocketAddress(server)))
                        .compose(request -> request.send(Buffer.buffer(form.toString())))
                        .compose(this::readToken, failure -> Future.failedFuture(authFailed(
                                "token endpoint not reachable (" + failure.getClass().getSimpleName() + ")", null))))
                .map(body -> parse(body, started))
                .onFailure(failure -> LOG.warnf("OAuth2 token request for client %s failed: %s", clientId, failure.getMessage()));
    }

    private Future<Buffer> readToken(HttpClientResponse response) {
        if (response.statusCode() / 100 != 2) {
            response.resume();
            return Future.failedFuture(authFailed("token endpoint answered status " + response.statusCode(), null));
        }
        return BoundedBody.collect(response, MAX_TOKEN_RESPONSE_BYTES)
                .recover(failure -> Future.failedFuture(authFailed("token response unreadable", null)));
    }

    private CachedToken parse(Buffer body, long started) {
        JsonNode json;
        try {
            json = JSON.readTree(body.getBytes());
        } catch (Exception e) {
            throw authFailed("token response is not JSON", null);
        }
        JsonNode accessToken = json.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw authFailed("token response has no access_token", null);
        }
        JsonNode expiresIn = json.get("expires_in");
        long lifetime = expiresIn != null && expiresIn.canConvertToLong()
                ? expiresIn.asLong() * 1000 : DEFAULT_LIFETIME_MILLIS;
        return new CachedToken(accessToken.asText(), started + lifetime - EXPIRY_MARGIN_MILLIS);
    }

    private static ConnectorException authFailed(String message, Throwable cause) {
        return new ConnectorException(ConnectorException.Kind.UPSTREAM_AUTH_FAILED, message, cause);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
