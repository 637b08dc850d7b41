package vn.lgsp.hub.identity;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.lgsp.hub.problem.TransactionIds;

import java.util.TreeSet;

/**
 * The authenticated caller of a management API request: name, roles, organisation and address,
 * for permission checks and the audit trail.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;
    @Inject
    SecurityConfig config;

    public boolean is(String role) {
        return identity != null && !identity.isAnonymous() && identity.hasRole(role);
    }

    public boolean isAdmin() {
        return is(Roles.ADMIN);
    }

    public boolean isOwner() {
        return is(Roles.SYSTEM_OWNER);
    }

    /** The caller's organisation from the token, or null. */
    public String org() {
        return claim(identity, config.orgClaim());
    }

    public String name() {
        return name(identity);
    }

    public String roles() {
        return roles(identity);
    }

    public String ip() {
        RoutingContext rc = request == null ? null : request.getCurrent();
        return rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
    }

    public String transactionId() {
        return TransactionIds.of(request == null ? null : request.getCurrent());
    }

    /** Whether the caller may change (or read the configuration of) a system owned by {@code ownerOrg}. */
    public boolean manages(String ownerOrg) {
        if (isAdmin()) {
            return true;
        }
        String org = org();
        return isOwner() && org != null && org.equals(ownerOrg);
    }

    public static String name(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        String azp = claim(identity, "azp");
        String name = identity.getPrincipal().getName();
        return azp != null && (name == null || name.startsWith("service-account-")) ? azp : name;
    }

    public static String roles(SecurityIdentity identity) {
        return identity == null ? "" : String.join(",", new TreeSet<>(identity.getRoles()));
    }

    public static String claim(SecurityIdentity identity, String claim) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object value = jwt.getClaim(claim);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? null : text;
    }
}
