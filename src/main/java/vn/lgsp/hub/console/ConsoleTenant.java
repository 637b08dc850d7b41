package vn.lgsp.hub.console;

import io.quarkus.oidc.TenantResolver;
import io.quarkus.oidc.runtime.OidcUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks the OIDC tenant by path alone: the console's web-app tenant for {@code /console} and
 * everything below it, the bearer-token default tenant for all else. Without it Quarkus may also
 * pick a tenant from other request data (e.g. a console session cookie sent to {@code /api}), and
 * the API must never accept a console session instead of a bearer token.
 */
@ApplicationScoped
public class ConsoleTenant implements TenantResolver {

    public static final String ID = "console";

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals("/console") || path.startsWith("/console/") ? ID : OidcUtils.DEFAULT_TENANT_ID;
    }
}
