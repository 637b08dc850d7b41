package vn.lgsp.hub.ledger;

import vn.lgsp.hub.problem.FieldChecks;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * Historical totals of a provider from before the hub (e.g. the province's 40 million), kept in
 * the rollups and marked as imported so reports can tell them from measured traffic. {@code importId}
 * is the admin's own id for it (one is minted when omitted): sending the same import again under
 * the same id is answered with the import, not counted twice.
 */
public record ImportInput(String importId, String provider, OffsetDateTime from, OffsetDateTime to, Long transactions, Long failures,
                          String note) {

    static final Pattern IMPORT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$");

    void check(FieldChecks checks) {
        if (importId != null) {
            checks.matches("importId", importId, IMPORT_ID, "invalid-import-id", "importId must be 1-100 letters, digits or . _ : -");
        }
        checks.slug("provider", provider);
        checks.required("from", from);
        checks.required("to", to);
        if (from != null && to != null && !to.isAfter(from)) {
            checks.add("to", "before-from", "to must be after from");
        }
        if (to != null && to.isAfter(OffsetDateTime.now())) {
            checks.add("to", "in-the-future", "history cannot end in the future");
        }
        if (checks.required("transactions", transactions) && transactions < 0) {
            checks.add("transactions", "out-of-range", "transactions must not be negative");
        }
        if (failures != null && (failures < 0 || (transactions != null && failures > transactions))) {
            checks.add("failures", "out-of-range", "failures must be between 0 and transactions");
        }
        checks.text("note", note, 1000);
    }
}
