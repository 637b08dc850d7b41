package vn.lgsp.hub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.OffsetDateTime;

/**
 * One entry of the audit trail ("nhật ký truy vết"): who did what to which system, from where and
 * when, with the before/after views (never secrets) or the reason a request was denied.
 * {@code hash} = sha256(prevHash || canonical entry), so any later change breaks the chain.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(
        long seq,
        OffsetDateTime occurredAt,
        String actor,
        String actorRoles,
        String actorOrg,
        String sourceIp,
        String action,
        String outcome,
        String systemCode,
        String ownerOrg,
        String target,
        String transactionId,
        @JsonRawValue String details,
        String prevHash,
        String hash) {
}
