package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A service a system shares, as stored and returned. {@code version} is the service's own
 * version; {@code revision} counts edits and is the ETag. {@code bodyRetentionDays} set: the
 * message log keeps this service's bodies, encrypted, for that many days (docs/message-log.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharedService(
        @JsonIgnore UUID id,
        @JsonIgnore UUID systemId,
        @JsonIgnore UUID endpointId,
        String systemCode,
        String code,
        String version,
        String name,
        String description,
        String endpointCode,
        ServiceKind kind,
        String httpMethod,
        String pathPattern,
        String soapOperation,
        String soapAction,
        DataClassification dataClassification,
        long maxRequestBytes,
        long maxResponseBytes,
        int retryAttempts,
        Integer bodyRetentionDays,
        Map<String, String> options,
        ServiceStatus status,
        OffsetDateTime statusChangedAt,
        DocumentInfo descriptionDocument,
        int revision,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The stored service description, if any: where to fetch it and its digest. */
    public record DocumentInfo(String format, String mediaType, String sha256, OffsetDateTime uploadedAt, String href) {
    }
}
