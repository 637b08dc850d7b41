package vn.lgsp.hub.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Who the caller is, read from the validated OIDC access token (quarkus.oidc.* configures the issuer). */
@ConfigMapping(prefix = "lgsp.security")
public interface SecurityConfig {

    /** Token claim naming the caller's organisation (the tenant); matched against a system's {@code ownerOrg}. */
    @WithDefault("org")
    String orgClaim();

    /** Token claims holding the OAuth2 client id, tried in order; it maps a machine client to one system. */
    @WithDefault("azp,client_id")
    List<String> clientIdClaims();

    Audit audit();

    TokenCache tokenCache();

    /**
     * Sharing calls repeat the same client-credentials token thousands of times; checking its
     * signature and claims once and remembering the outcome briefly removes the largest share of
     * the hub's CPU per request. An entry never outlives the token's own expiry, and the mapping
     * from client to system is still checked on every call (unmapping a client takes effect at once).
     */
    interface TokenCache {
        /** How long a verified token is trusted without checking it again; 0 checks every request. */
        @WithDefault("30s")
        java.time.Duration ttl();

        /** Most tokens remembered; when full, expired entries go first, then all. */
        @WithDefault("10000")
        int maxEntries();
    }

    interface Audit {
        /** Kafka topic the audit entries are published to (through the outbox). */
        @WithDefault("lgsp.audit")
        String topic();

        /** Most denied-access entries waiting to be written; beyond, entries are dropped and counted. */
        @WithDefault("10000")
        int deniedQueueSize();

        /** How often waiting denied-access entries are written (in one transaction). */
        @WithDefault("250ms")
        java.time.Duration deniedFlushInterval();
    }
}
