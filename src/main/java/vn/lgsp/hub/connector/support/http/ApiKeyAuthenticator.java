package vn.lgsp.hub.connector.support.http;

import io.vertx.core.Future;
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.connector.spi.UpstreamAuth;

/** Sends the API key in a fixed header ({@code X-API-Key} unless the endpoint names another). */
final class ApiKeyAuthenticator implements UpstreamAuthenticator {

    static final String DEFAULT_HEADER = "X-API-Key";

    private final String headerName;
    private final Secret key;

    ApiKeyAuthenticator(UpstreamAuth auth) {
        String configured = auth.param("header");
        this.headerName = configured == null || configured.isBlank() ? DEFAULT_HEADER : configured;
        this.key = requireSecret(auth);
    }

    @Override
    public Future<AuthHeader> header() {
        return Future.succeededFuture(new AuthHeader(headerName, key.reveal()));
    }

    static Secret requireSecret(UpstreamAuth auth) {
        if (auth.secret() == null) {
            throw new IllegalArgumentException("auth type " + auth.type() + " needs a secret");
        }
        return auth.secret();
    }
}
