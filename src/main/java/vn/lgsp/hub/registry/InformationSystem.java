package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A registered information system, as stored and as returned by the API. {@code ownerOrg} is the
 * organisation (tenant) whose owners manage it; {@code clientId} the OAuth2 client that calls the
 * sharing API as this system (an identifier, not a secret).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InformationSystem(
        @JsonIgnore UUID id,
        String code,
        String nameVi,
        String nameEn,
        String owningAgency,
        Scope scope,
        int securityLevel,
        Contact contact,
        String description,
        String catalogueId,
        String ownerOrg,
        String clientId,
        SystemStatus status,
        OffsetDateTime statusChangedAt,
        int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
