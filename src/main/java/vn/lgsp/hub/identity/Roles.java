package vn.lgsp.hub.identity;

/** The hub's roles, as they appear in the token's role claim. */
public final class Roles {

    /** Approves registrations, manages catalogue links, client mappings and grants; verifies the audit chain. */
    public static final String ADMIN = "admin";
    /** Manages only the systems whose {@code ownerOrg} is the token's organisation. */
    public static final String SYSTEM_OWNER = "system_owner";
    /** A consuming system's machine client: only the sharing API, as the system its client id maps to. */
    public static final String INTEGRATOR = "integrator";
    /** Reads registry, reports, monitoring and the audit trail; sees no endpoint configuration or secrets. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
