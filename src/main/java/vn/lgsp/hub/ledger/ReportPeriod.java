package vn.lgsp.hub.ledger;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A report's period, {@code from} inclusive and {@code to} exclusive: dates are days in the
 * report time zone, or full ISO date-times. Defaults to the last 30 days.
 */
record ReportPeriod(Instant from, Instant to) {

    static ReportPeriod parse(String from, String to, ZoneId zone) {
        Instant end = to == null || to.isBlank() ? LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant() : instant("to", to, zone);
        Instant start = from == null || from.isBlank() ? end.minusSeconds(30L * 86_400) : instant("from", from, zone);
        if (!start.isBefore(end)) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "from", "from must be before to");
        }
        if (start.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || end.isAfter(Instant.parse("2200-01-01T00:00:00Z"))) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "from", "the period must lie between 2000 and 2200");
        }
        return new ReportPeriod(start, end);
    }

    private static Instant instant(String name, String value, ZoneId zone) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be a date (2026-11-23) or an ISO date-time with offset");
        }
    }
}
