package vn.lgsp.hub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How the console's search forms read their fields and write them back into links. */
final class FormText {

    private FormText() {
    }

    /** A field as the form shows it again: trimmed, never null. */
    static String clean(String value) {
        return value == null ? "" : value.strip();
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
