package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/**
 * Entering and leaving the console. Signing in is the OIDC authorization code flow with PKCE of
 * the {@code console} tenant: Quarkus sends a visitor without a session to the provider
 * ({@code quarkus.http.auth.permission.console}), takes the code back at {@code /console/callback}
 * and returns to the page asked for. {@code /console/logout} (also Quarkus's) ends the session
 * here and at the provider, which then sends the browser to {@code /console/signed-out}.
 */
// The console guards every page itself (ConsoleAccess) and acts through the API's services, whose checks apply too.
@PermitAll
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleSessionResource {

    @Inject
    ConsoleAccess access;

    @GET
    @Operation(hidden = true)
    public Response home(@Context HttpServerRequest request) {
        ConsoleView view = access.signedIn(request, "");
        String target = view.canWatch() ? "/console/overview" : view.canManage() ? "/console/owner" : null;
        if (target == null) {
            throw new ConsoleForbidden("the console is for operators, system owners and admins");
        }
        return Response.seeOther(URI.create(target)).build();
    }

    @GET
    @Path("signed-out")
    @Operation(hidden = true)
    public TemplateInstance signedOut(@Context HttpServerRequest request) {
        ConsoleView view = access.anonymous(request);
        return ConsolePages.signedOut(view).setAttribute("locale", view.locale());
    }
}
