package vn.lgsp.hub.security;

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
