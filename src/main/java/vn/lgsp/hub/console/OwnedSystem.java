package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.time.OffsetDateTime;

/** A system in the owner's list. */
@TemplateData
public record OwnedSystem(String code, String nameVi, String nameEn, String owningAgency, String scope, String status,
                          String catalogueId, OffsetDateTime since) {
}
