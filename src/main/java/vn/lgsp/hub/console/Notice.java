package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import vn.lgsp.hub.problem.ProblemException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The outcome of the last form post, carried in the redirect's query (post/redirect/get): what
 * was done, or which problem code and field refused it. Only known words are shown as messages;
 * the code and field are shown as text (escaped like everything else).
 */
@TemplateData
public record Notice(String done, String error, String field) {

    static final Set<String> DONE = Set.of("registered", "lifecycle", "endpoint", "rotated", "service", "published", "uploaded",
            "requested", "approved", "rejected", "revoked");
    static final Notice NONE = new Notice(null, null, null);

    static Notice of(String done, String error, String field) {
        return new Notice(done != null && DONE.contains(done) ? done : null, safe(error), safe(field));
    }

    public boolean any() {
        return done != null || error != null;
    }

    /** The query string reporting a problem the API answered. */
    static String failed(ProblemException e) {
        return "error=" + URLEncoder.encode(e.error().code(), StandardCharsets.UTF_8)
                + (e.field() == null ? "" : "&field=" + URLEncoder.encode(e.field(), StandardCharsets.UTF_8));
    }

    private static String safe(String value) {
        return value == null || value.isBlank() || value.length() > 80 ? null : value;
    }
}
