package vn.lgsp.hub.access;

import vn.lgsp.hub.exchange.SharingConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes the caller's system code from a configured header, with no proof: only for tests and a
 * local demo. With {@code lgsp.sharing.trusted-consumer-header} unset it identifies nobody.
 */
@ApplicationScoped
@Typed(TrustedHeaderIdentifier.class)
public class TrustedHeaderIdentifier implements ConsumerIdentifier {

    private static final Logger LOG = Logger.getLogger(TrustedHeaderIdentifier.class);

    private final String header;

    @Inject
    TrustedHeaderIdentifier(SharingConfig config) {
        this.header = config.trustedConsumerHeader().orElse(null);
        if (header != null) {
            LOG.warnf("Sharing API trusts the %s header to name the calling system: for tests and local use only", header);
        }
    }

    @Override
    public CompletionStage<String> identify(HttpServerRequest request) {
        return CompletableFuture.completedFuture(header == null ? null : request.getHeader(header));
    }

    @Override
    public String identityHeader() {
        return header;
    }
}
