package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

/**
 * How many results a search found and which of them a page shows: results {@code first} to
 * {@code last} of {@code matched} ({@code capped}: of more than that many).
 */
@TemplateData
public record ResultCount(long first, long last, long matched, boolean capped) {

    static final ResultCount NONE = new ResultCount(0, 0, 0, false);

    static ResultCount of(int page, int size, int shown, long matched, boolean capped) {
        long first = shown == 0 ? 0 : (long) (page - 1) * size + 1;
        return new ResultCount(first, shown == 0 ? 0 : first + shown - 1, matched, capped);
    }
}
