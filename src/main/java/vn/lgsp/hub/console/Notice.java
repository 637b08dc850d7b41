package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
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
public record Notice(String done, String error, String field, TypedValues typed) {

    static final Set<String> DONE = Set.of("registered", "lifecycle", "endpoint", "rotated", "service", "published", "uploaded",
            "requested", "approved", "rejected", "revoked", "removed", "probe");
    static final Notice NONE = new Notice(null, null, null, TypedValues.NONE);

    /** From a page's query: {@code seal} must be the one {@link #failed} wrote for this error and field. */
    static Notice of(String done, String error, String field, String seal, NoticeSeal seals) {
        boolean sealed = seals.valid(error, field, seal);
        return new Notice(done != null && DONE.contains(done) ? done : null, sealed ? error : null, sealed ? field : null, TypedValues.NONE);
    }

    /** As above, with the values the user typed into the refused form, if the hub sealed them for this user. */
    static Notice of(String done, String error, String field, String seal, NoticeSeal seals, HttpServerRequest request, ConsoleUser user) {
        Notice notice = of(done, error, field, seal, seals);
        if (notice.error == null) {
            return notice;
        }
        Cookie cookie = request.getCookie(TypedValues.COOKIE);
        return new Notice(notice.done, notice.error, notice.field,
                TypedValues.read(cookie == null ? null : cookie.getValue(), user.name(), seals));
    }

    /** A problem the page itself just met. */
    static Notice of(ProblemException e) {
        return new Notice(null, e.error().code(), e.field(), TypedValues.NONE);
    }

    /** What was typed into {@code name} of {@code form} before the hub refused it; empty otherwise. */
    public String value(String form, String name) {
        return typed.value(form, name);
    }

    /** Whether {@code option} of the select {@code name} is to be selected: the one typed, else the default. */
    public boolean chosen(String form, String name, String option, boolean byDefault) {
        String value = typed.value(form, name);
        return value.isEmpty() ? byDefault : value.equals(option);
    }

    /** As {@link #value}, or {@code byDefault} when nothing was typed there. */
    public String valueOr(String form, String name, String byDefault) {
        String value = typed.value(form, name);
        return value.isEmpty() ? byDefault : value;
    }

    /** Whether the problem is about the field {@code name} of {@code form} (its message goes beside that field). */
    public boolean at(String form, String name) {
        return error != null && name.equals(field) && typed.form().equals(form);
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
