package vn.lgsp.hub.testing;

/** The test realm's confidential clients, one per role (and two owners in different organisations). */
public enum Role {
    ADMIN("lgsp-admin", "admin-secret-7f3c"),
    OWNER_A("lgsp-owner-a", "owner-a-secret-91bd"),
    OWNER_B("lgsp-owner-b", "owner-b-secret-44e0"),
    OPERATOR("lgsp-operator", "operator-secret-c2a8"),
    /** Holds the admin role but not the hub's audience. */
    OTHER_AUDIENCE("other-app", "other-secret-5e77"),
    /** An admin whose tokens live 2 seconds. */
    SHORT_LIVED("lgsp-short-lived", "short-secret-0d19");

    public static final String ORG_A = "org-a";
    public static final String ORG_B = "org-b";

    public final String clientId;
    public final String secret;

    Role(String clientId, String secret) {
        this.clientId = clientId;
        this.secret = secret;
    }

    public String token() {
        return Tokens.of(clientId, secret);
    }
}
