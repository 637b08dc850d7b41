package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days a page's figures cover, as the person picked them: {@code from} and {@code to} are
 * whole days in the reports' zone, {@code to} included (as on every console page). Unset, the
 * last 30 days up to today. At most {@link #MAX_DAYS}, so one page asks the rollups a bounded question.
 */
@TemplateData
public record ConsolePeriod(LocalDate from, LocalDate to, LocalDate today) {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    /** The last {@code days} days, today included. */
    static ConsolePeriod lastDays(int days, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        return new ConsolePeriod(today.minusDays(days - 1L), today, today);
    }

    /** A period picked, and the problem with what was asked if the default had to stand in for it. */
    record Picked(ConsolePeriod period, Notice notice) {
    }

    /** The period asked for, or the last 30 days with the reason the one asked for was refused. */
    static Picked pick(String from, String to, ZoneId zone) {
        try {
            return new Picked(chosen(from, to, zone), Notice.NONE);
        } catch (ProblemException e) {
            return new Picked(lastDays(DEFAULT_DAYS, zone), Notice.of(e));
        }
    }

    /** The period picked; a problem naming {@code from} or {@code to} if it is not a date, is reversed or too long. */
    static ConsolePeriod chosen(String from, String to, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        LocalDate last = date("to", to, today);
        LocalDate first = date("from", from, last.minusDays(DEFAULT_DAYS - 1L));
        if (last.isBefore(first)) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "to", "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "to", "a period is at most " + MAX_DAYS + " days");
        }
        return new ConsolePeriod(first, last, today);
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return ConsoleDates.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, field, field + " must be a day, dd/mm/yyyy");
        }
    }

    /** The first instant of the period. */
    OffsetDateTime start(ZoneId zone) {
        return from.atStartOfDay(zone).toOffsetDateTime();
    }

    /** The first instant after the period. */
    OffsetDateTime end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The preset ranges offered beside the picker, as from/to query strings. */
    public String last(int days) {
        return "from=" + today.minusDays(days - 1L) + "&to=" + today;
    }

    public String thisMonth() {
        return "from=" + today.withDayOfMonth(1) + "&to=" + today;
    }

    public String thisYear() {
        return "from=" + today.withDayOfYear(1) + "&to=" + today;
    }
}
