package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import vn.lgsp.hub.problem.ProblemException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The outcome of the last form post, carried in the redirect's query (post/redirect/get): what
 * was done, or which problem code and field refused it. Only the hub's own words are shown: a
 * "done" from a fixed list, and a problem only under the {@link NoticeSeal} the hub gave it.
 */
@TemplateData
public record Notice(String done, String error, String field) {

    static final Set<String> DONE = Set.of("registered", "lifecycle", "endpoint", "rotated", "service", "published", "uploaded",
            "requested", "approved", "rejected", "revoked", "removed", "probe");
    static final Notice NONE = new Notice(null, null, null);

    /** From a page's query: {@code seal} must be the one {@link #failed} wrote for this error and field. */
    static Notice of(String done, String error, String field, String seal, NoticeSeal seals) {
        boolean sealed = seals.valid(error, field, seal);
        return new Notice(done != null && DONE.contains(done) ? done : null, sealed ? error : null, sealed ? field : null);
    }

    /** A problem the page itself just met. */
    static Notice of(ProblemException e) {
        return new Notice(null, e.error().code(), e.field());
    }

    public boolean any() {
        return done != null || error != null;
    }

    /** The query string reporting a problem the API answered, sealed. */
    static String failed(ProblemException e, NoticeSeal seals) {
        return "error=" + URLEncoder.encode(e.error().code(), StandardCharsets.UTF_8)
                + (e.field() == null ? "" : "&field=" + URLEncoder.encode(e.field(), StandardCharsets.UTF_8))
                + "&seal=" + seals.seal(e.error().code(), e.field());
    }
}
