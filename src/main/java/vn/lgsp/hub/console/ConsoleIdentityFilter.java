package vn.lgsp.hub.console;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the signed-in identity before a console resource runs, without blocking, and makes it
 * the request's identity. Authentication is lazy ({@code quarkus.http.auth.proactive=false}); the
 * services the console calls (and {@link ConsoleUsers}) read the identity
 * synchronously, which on the event loop is allowed only once it is resolved: a deferred identity
 * that was merely subscribed to is not enough ({@code getIdentity()} would still refuse with
 * {@code BlockingOperationNotAllowedException}), hence the explicit {@code setIdentity}.
 */
public class ConsoleIdentityFilter {

    @Inject
    CurrentIdentityAssociation association;

    @ServerRequestFilter
    public Uni<Void> resolveIdentity(HttpServerRequest request) {
        if (!request.path().startsWith("/console")) {
            return Uni.createFrom().voidItem();
        }
        return association.getDeferredIdentity().invoke(association::setIdentity).replaceWithVoid();
    }
}
