package vn.lgsp.hub.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.identity.SecurityConfig;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place the console learns who is signed in: the OIDC identity of the console's web-app
 * tenant (authorization code flow), read with the API's own rules ({@link Caller}): the name, the
 * roles of the token's role claim, the organisation of its {@code lgsp.security.org-claim}.
 * {@link ConsoleIdentityFilter} has resolved the identity before any console resource runs, so
 * reading it here never blocks.
 */
@ApplicationScoped
public class ConsoleUsers {

    private static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR, Roles.INTEGRATOR);

    @Inject
    SecurityIdentity identity;
    @Inject
    SecurityConfig security;

    public Optional<ConsoleUser> current() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        Set<String> roles = identity.getRoles().stream().filter(ROLES::contains).collect(Collectors.toSet());
        return Optional.of(new ConsoleUser(Caller.name(identity), roles, Caller.claim(identity, security.orgClaim())));
    }
}
