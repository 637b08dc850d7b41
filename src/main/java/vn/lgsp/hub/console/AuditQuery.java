package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import static vn.lgsp.hub.console.FormText.clean;
import static vn.lgsp.hub.console.FormText.enc;

/** The audit page's filter, echoed back into the form and into the paging links. */
@TemplateData
public record AuditQuery(String actor, String action, String outcome, String system, String from, String to,
                         String transactionId, int page) {

    static AuditQuery of(String actor, String action, String outcome, String system, String from, String to, String transactionId,
                         String page) {
        return new AuditQuery(clean(actor), clean(action), clean(outcome), clean(system), clean(from), clean(to), clean(transactionId),
                FormText.page(page));
    }

    /** The query string of this filter at another page. */
    public String query(int atPage) {
        return "actor=" + enc(actor) + "&action=" + enc(action) + "&outcome=" + enc(outcome) + "&system=" + enc(system)
                + "&from=" + enc(from) + "&to=" + enc(to) + "&transactionId=" + enc(transactionId) + "&page=" + atPage;
    }

    public int previous() {
        return page - 1;
    }

    public int next() {
        return page + 1;
    }

    /** A date of the form becomes the start of that day in the reports' zone, as the API takes ISO date-times. */
    String fromInstant(ZoneId zone) {
        return day(from, zone, 0);
    }

    String toInstant(ZoneId zone) {
        return day(to, zone, 1);
    }

    private static String day(String value, ZoneId zone, int plusDays) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return ConsoleDates.parse(value).plusDays(plusDays).atStartOfDay(zone).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            return value; // the API names the bad field
        }
    }
}
