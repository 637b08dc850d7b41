package vn.lgsp.hub.connector.support.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import vn.lgsp.hub.connector.spi.Egress;
import vn.lgsp.hub.connector.spi.UpstreamAuth;

import java.time.Duration;

/** Produces the header with which the hub authenticates itself to a provider. Thread-safe. */
public interface UpstreamAuthenticator {

    String NONE = "none";
    String API_KEY = "api_key";
    String BASIC = "basic";
    String OAUTH2_CLIENT_CREDENTIALS = "oauth2_client_credentials";

    /** The header to add, or a succeeded future with null when there is none. */
    Future<AuthHeader> header();

    /** The provider refused the credential (401): forget anything cached. */
    default void invalidate() {
    }

    /**
     * The authenticator for {@code auth}. {@code client}, {@code tokenTimeout} and {@code egress}
     * are used only by OAuth2, to reach the token endpoint.
     */
    static UpstreamAuthenticator of(UpstreamAuth auth, HttpClient client, Duration tokenTimeout, Egress egress) {
        String type = auth.type() == null ? NONE : auth.type();
        return switch (type) {
            case NONE -> () -> Future.succeededFuture();
            case API_KEY -> new ApiKeyAuthenticator(auth);
            case BASIC -> new BasicAuthenticator(auth);
            case OAUTH2_CLIENT_CREDENTIALS -> new OAuth2ClientCredentials(auth, client, tokenTimeout, egress, System::currentTimeMillis);
            default -> throw new IllegalArgumentException("unsupported auth type " + type);
        };
    }
}
