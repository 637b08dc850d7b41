package vn.lgsp.hub.compat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Compatibility with the clients of today's LGSPs (docs/migrating-from-an-existing-lgsp.md). */
@ConfigMapping(prefix = "lgsp.compat")
public interface CompatConfig {

    /**
     * Paths of the WSO2-style token endpoint. Clients keep their token path in their own
     * settings; list every path they use (e.g. {@code /token,/oauth2/token}).
     */
    @WithDefault("/token")
    List<String> tokenPaths();

    /** Paths where finance-sector clients post with {@code RECEIVER_CODE} and {@code TRAN_CODE} headers. */
    @WithDefault("/gateway")
    List<String> financePaths();

    /**
     * The identity provider's token endpoint the hub obtains tokens from. Unset: the
     * {@code token_endpoint} of {@code quarkus.oidc.auth-server-url}'s discovery document.
     */
    Optional<String> tokenEndpoint();

    /** How long the identity provider may take to answer a token request (or discovery). */
    @WithDefault("10s")
    Duration identityProviderTimeout();

    /** Largest token request body accepted (a form with a client id, secret and scope). */
    @WithDefault("8192")
    int maxTokenRequestBytes();
}
