package vn.lgsp.hub.embedded;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Tells whoever started the hub with embedded servers that they are not for production, and
 * where their data lives. (Injecting {@link EmbeddedConfig} also registers its keys, so they are
 * validated like every other setting.)
 */
@ApplicationScoped
public class EmbeddedRunNotice {

    private static final Logger LOG = Logger.getLogger(EmbeddedRunNotice.class);

    @Inject
    EmbeddedConfig config;

    void started(@Observes StartupEvent event) {
        if (Boolean.getBoolean(EmbeddedInfrastructure.STARTED_PROPERTY)) {
            LOG.warnf("Running on embedded PostgreSQL/Kafka (data in %s): for a local run only. In production set "
                    + "QUARKUS_DATASOURCE_REACTIVE_URL and KAFKA_BOOTSTRAP_SERVERS (see README).", config.dataDir());
        }
    }
}
