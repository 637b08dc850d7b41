package vn.lgsp.hub.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Days as people in Vietnam type them: {@code 05/12/2026} (day first), whatever language the
 * browser or Windows runs in. The console's date fields are text fields with that format (a
 * browser's own date picker follows the operating system's locale, and shows an English Windows
 * month first); ISO {@code 2026-12-05} is accepted too, as links and scripts write it.
 */
final class ConsoleDates {

    private static final Pattern DAY_FIRST = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}");
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private ConsoleDates() {
    }

    /** The day typed, or null when blank; a {@link DateTimeParseException} when it is not a day. */
    static LocalDate parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String value = typed.strip();
        return DAY_FIRST.matcher(value).matches() ? LocalDate.parse(value, TYPED) : LocalDate.parse(value);
    }

    /** The day typed in ISO form, for the API's services; anything else as it was, so the API names the bad field. */
    static String iso(String typed) {
        try {
            LocalDate day = parse(typed);
            return day == null ? typed : day.toString();
        } catch (DateTimeParseException e) {
            return typed;
        }
    }
}
