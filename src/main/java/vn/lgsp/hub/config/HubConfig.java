package vn.lgsp.hub.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Settings that concern the hub as a whole. */
@ConfigMapping(prefix = "lgsp")
public interface HubConfig {

    /**
     * Name of this hub instance, recorded with every transaction and event so operators can tell
     * instances apart. Unset: see {@link InstanceName} (HOSTNAME, else host name and process id).
     */
    Optional<String> instance();

    Secrets secrets();

    interface Secrets {
        /**
         * Base64 of a 256-bit AES key that encrypts endpoint credentials at rest. Required in
         * production (inject it from a Kubernetes Secret); the embedded run generates one.
         * Changing it makes stored credentials unreadable: re-enter them after a rotation.
         */
        String key();
    }
}
