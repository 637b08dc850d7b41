package vn.lgsp.hub.console;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Post/redirect/get for the console's forms: after the change, the browser is sent back to a page
 * (303) that shows what was done or the problem code that refused it, so a reload never posts
 * twice. Problems thrown before the change starts (validation) are caught the same way.
 */
final class FormOutcome {

    private FormOutcome() {
    }

    static Uni<Response> redirect(Supplier<Uni<?>> change, String success, String failureBase, NoticeSeal seals) {
        return redirect(change, success, failureBase, seals, null, null);
    }

    /**
     * As above, and a refused form comes back filled in with {@code typed} (never secrets), for
     * {@code view}'s user only.
     */
    static Uni<Response> redirect(Supplier<Uni<?>> change, String success, String failureBase, NoticeSeal seals,
                                  ConsoleView view, TypedValues typed) {
        return Uni.createFrom().deferred(() -> change.get().replaceWith(Boolean.TRUE))
                .map(done -> {
                    Response.ResponseBuilder ok = Response.seeOther(URI.create(success));
                    return (typed == null ? ok : ok.cookie(TypedValues.cleared())).build();
                })
                .onFailure(ProblemException.class).recoverWithItem(e -> {
                    Response.ResponseBuilder refused = Response.seeOther(URI.create(failureBase + Notice.failed((ProblemException) e, seals)));
                    NewCookie cookie = typed == null ? null : typed.cookie(view.user().name(), seals);
                    return (cookie == null ? refused : refused.cookie(cookie)).build();
                });
    }

    /**
     * An action that cannot be undone (a removal, a revocation) needs its box ticked: browsers
     * enforce it, and a hand-made post is held to it too.
     */
    static void requireConfirmed(String confirm, String what) {
        if (!"yes".equals(confirm)) {
            throw ProblemException.field(ErrorCode.INVALID_FIELD, "confirm", "tick the box to confirm the " + what);
        }
    }

    /** A path segment from user input, encoded so it cannot change the redirect's target. */
    static String path(String segment) {
        return URLEncoder.encode(segment == null ? "" : segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
