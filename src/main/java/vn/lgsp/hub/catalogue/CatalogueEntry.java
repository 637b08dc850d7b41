package vn.lgsp.hub.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One of the province's officially listed information systems.
 *
 * @param listedStatus what the province's plan reported at the end of 2025 ({@code connected} /
 *                     {@code not-connected}); the hub's own, evidence-based status is the
 *                     connection report's
 * @param linkedSystem the registered system linked to this entry, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogueEntry(
        String id,
        String code,
        String scope,
        String nameVi,
        String nameEn,
        String ownerVi,
        String ownerEn,
        String listedStatus,
        LinkedSystem linkedSystem) {

    public record LinkedSystem(String code, String status) {
    }
}
