package vn.lgsp.hub.connection;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The connection report: one row per catalogue entry, totals by scope, and the registered
 * systems that are not (yet) in the catalogue.
 *
 * @param at       the past date of a history report (status at the end of that day), null for now
 * @param totals   by scope ({@code central}, {@code provincial}, ...) and {@code all}
 * @param unlisted registered systems not linked to the catalogue (live report only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionReport(OffsetDateTime generatedAt, LocalDate at, String timeZone, Map<String, Total> totals,
                               List<Entry> rows, List<Unlisted> unlisted) {

    /**
     * @param connected entries whose link works: status {@code connected} or {@code degraded}
     * @param listed    entries in the catalogue
     * @param byStatus  entries per status
     */
    public record Total(int connected, int listed, String text, Map<String, Integer> byStatus) {
    }

    /** When the endpoint was last probed, whether it was up, and why not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Probe(OffsetDateTime at, Boolean up, String detail) {
    }

    /**
     * @param status                 the settled status ({@code unknown} in a history report before the hub recorded any)
     * @param since                  since when the entry has that status
     * @param degradedBy             {@code probe} or {@code transactions} when degraded
     * @param degradedSince          since when those fail
     * @param transactionsThisMonth  transactions the hub carried for the system this month (imported history excluded)
     * @param firstConnectedAt       when the hub first saw the entry connected
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String catalogueId, String scope, String nameVi, String nameEn, String ownerVi, String ownerEn,
                        String systemCode, String status, OffsetDateTime since, String degradedBy, OffsetDateTime degradedSince,
                        Probe lastProbe, OffsetDateTime lastSuccessfulTransaction, long transactionsThisMonth,
                        OffsetDateTime firstConnectedAt) {
    }

    /** A registered system outside the catalogue; its status is derived live, without history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unlisted(String systemCode, String nameVi, String nameEn, String scope, String owningAgency,
                           String systemStatus, String status, String degradedBy, OffsetDateTime degradedSince, Probe lastProbe,
                           OffsetDateTime lastSuccessfulTransaction, long transactionsThisMonth) {
    }
}
