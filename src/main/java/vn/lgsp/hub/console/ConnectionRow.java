package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.time.OffsetDateTime;

/**
 * One officially listed system as the connections table shows it: its catalogue entry, the
 * registered system linked to it (if any), and the connection report's status and since when.
 *
 * @param status {@code connected}, {@code degraded}, {@code disconnected}, {@code registered} or {@code not_registered}
 */
@TemplateData
public record ConnectionRow(String id, String scope, String nameVi, String nameEn, String ownerVi, String ownerEn,
                            String listedStatus, String systemCode, String status, OffsetDateTime since) {
}
