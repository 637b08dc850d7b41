package vn.lgsp.hub.api;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

/**
 * Page request of a list: {@code page} counts from 1, {@code size} is capped so a caller cannot
 * ask the database for everything at once.
 */
public record Paging(int page, int size) {

    public static Paging of(String page, String size, int defaultSize, int maxSize) {
        int p = number("page", page, 1);
        int s = number("size", size, defaultSize);
        if (p < 1 || p > 1_000_000) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "page", "page must be between 1 and 1000000");
        }
        if (s < 1 || s > maxSize) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "size", "size must be between 1 and " + maxSize);
        }
        return new Paging(p, s);
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be a whole number");
        }
    }

    public int offset() {
        return (page - 1) * size;
    }
}
