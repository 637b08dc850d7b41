package vn.lgsp.hub.connector.support.http;

import io.vertx.core.Future;
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.connector.spi.UpstreamAuth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic (RFC 7617, UTF-8). The header value is computed per call so no copy of it lingers. */
final class BasicAuthenticator implements UpstreamAuthenticator {

    private final String username;
    private final Secret password;

    BasicAuthenticator(UpstreamAuth auth) {
        this.username = auth.param("username");
        if (username == null) {
            throw new IllegalArgumentException("basic auth needs a username");
        }
        this.password = ApiKeyAuthenticator.requireSecret(auth);
    }

    @Override
    public Future<AuthHeader> header() {
        return Future.succeededFuture(new AuthHeader("Authorization", basic(username, password.reveal())));
    }

    static String basic(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
