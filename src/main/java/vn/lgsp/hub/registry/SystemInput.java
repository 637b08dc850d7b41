package vn.lgsp.hub.registry;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.lgsp.hub.problem.FieldChecks;

/**
 * What an owner submits to register or update an information system ({@code ownerOrg},
 * {@code clientId} and {@code catalogueId} are set by admins; an owner's systems get the owner's
 * organisation). {@code code} is fixed at registration; on update it may be omitted or must equal
 * the current code. On update a {@code clientId} that is omitted or {@code null} keeps the
 * mapping, because an update from a form that does not show it must not unmap the client; the
 * empty string {@code ""} clears it.
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
        @Schema(description = "The OAuth2 client id that calls the sharing API as "
                + "this system (admins only; unique). On update, omitted or null keeps the mapping and \"\" clears it, which stops "
                + "the client's outstanding tokens at once.")
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
