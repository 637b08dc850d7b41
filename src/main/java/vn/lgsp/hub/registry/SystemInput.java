package vn.lgsp.hub.registry;

import vn.lgsp.hub.problem.FieldChecks;

/**
 * What an owner submits ({@code ownerOrg}, {@code clientId} and {@code catalogueId} are set by
 * admins; an owner's systems get the owner's organisation; an empty {@code clientId} clears it) to register or update an information system. {@code code} is fixed at
 * registration; on update it may be omitted or must equal the current code.
 */
public record SystemInput(
        String code,
        String nameVi,
        String nameEn,
        String owningAgency,
        Scope scope,
        Integer securityLevel,
        Contact contact,
        String description,
        String catalogueId,
        String ownerOrg,
        String clientId) {

    static final java.util.regex.Pattern ORG = java.util.regex.Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$");
    static final java.util.regex.Pattern CLIENT_ID = java.util.regex.Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,254}$");

    void check(FieldChecks checks, boolean creating) {
        if (creating || code != null) {
            checks.slug("code", code);
        }
        checks.text("nameVi", nameVi, 300);
        checks.text("nameEn", nameEn, 300);
        checks.text("owningAgency", owningAgency, 300);
        checks.required("scope", scope);
        if (checks.required("securityLevel", securityLevel)) {
            checks.range("securityLevel", securityLevel, 1, 5);
        }
        if (contact != null) {
            contact.check(checks);
        }
        checks.optionalLongText("description", description, 4000);
        checks.optionalText("catalogueId", catalogueId, 16);
        checks.matches("ownerOrg", ownerOrg, ORG, "invalid-org", "ownerOrg must be 1-100 letters, digits or . _ : -");
        if (clientId != null && !clientId.isEmpty()) {
            checks.matches("clientId", clientId, CLIENT_ID, "invalid-client-id", "clientId must be 1-255 letters, digits or . _ : @ / -");
        }
    }
}
