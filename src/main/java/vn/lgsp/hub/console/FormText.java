package vn.lgsp.hub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** How the console's search forms read their fields and write them back into links. */
final class FormText {

    private FormText() {
    }

    /** A field as the form shows it again: trimmed, never null. */
    static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    /** The day after a form's date (yyyy-MM-dd), so that a "to" date includes its day; anything else as given. */
    static String dayAfter(String day) {
        if (day == null || day.length() != 10) {
            return day;
        }
        try {
            return LocalDate.parse(day).plusDays(1).toString();
        } catch (DateTimeParseException e) {
            return day; // the API names the bad field
        }
    }

    /** A field inside a query string. */
    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A page number from 1 to 100,000; anything else shows the first page. */
    static int page(String value) {
        try {
            return value == null || value.isBlank() ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(value.trim())));
        } catch (NumberFormatException ignored) {
            return 1;
        }
    }
}
