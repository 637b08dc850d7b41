package vn.lgsp.hub.console;

import vn.lgsp.hub.identity.Roles;

import java.util.Set;

/**
 * Who is using the console, as far as the console cares: a display name, the hub roles and the
 * organisation (the token's {@code org} claim) the user acts for. A system owner owns the systems
 * whose {@code ownerOrg} is their organisation, the API's rule ({@code Caller#manages}). Made
 * only by {@link ConsoleUsers} from the signed-in OIDC identity.
 */
public record ConsoleUser(String name, Set<String> roles, String organisation) {

    public ConsoleUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** Operators' pages: overview, connections, traffic. */
    public boolean canWatch() {
        return has(Roles.OPERATOR) || isAdmin();
    }

    /** Owners' pages (each system further checked with {@link #owns}). */
    public boolean canManage() {
        return has(Roles.SYSTEM_OWNER) || isAdmin();
    }

    /** Whether this user may manage a system whose {@code ownerOrg} is this: admins all, owners their organisation's. */
    public boolean owns(String ownerOrg) {
        return isAdmin() || has(Roles.SYSTEM_OWNER) && organisation != null && organisation.equals(ownerOrg);
    }
}
