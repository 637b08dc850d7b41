package vn.lgsp.hub.api;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its version counter, and every change
 * must send it back in {@code If-Match}, so two owners editing at once cannot overwrite each
 * other unseen.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(int version) {
        return "\"" + version + "\"";
    }

    /** The version the caller last read, from a required If-Match header. */
    public static int required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.field(ErrorCode.PRECONDITION_REQUIRED, "If-Match",
                    "send If-Match with the ETag of the version you are changing");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || tag.length() > 12 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "If-Match", "If-Match must be one ETag as returned by the API");
        }
        try {
            return Integer.parseInt(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the ETag does not match the current version");
        }
    }

    /** Like {@link #required} but absent means "no precondition". */
    public static Integer optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : required(ifMatch);
    }
}
