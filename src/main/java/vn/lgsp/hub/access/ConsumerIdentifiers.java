package vn.lgsp.hub.access;

import vn.lgsp.hub.exchange.SharingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses, explicitly, how sharing callers are identified: by their OIDC access token (client
 * credentials; the default and the only production mode), or by the unauthenticated trusted
 * header when {@code lgsp.sharing.trusted-consumer-header} is set (tests of other areas, demos).
 */
@ApplicationScoped
public class ConsumerIdentifiers {

    @Produces
    @ApplicationScoped
    ConsumerIdentifier identifier(SharingConfig config, TrustedHeaderIdentifier header, TokenConsumerIdentifier token) {
        boolean trusted = config.trustedConsumerHeader().filter(name -> !name.isBlank()).isPresent();
        return trusted ? header : token;
    }
}
