package vn.lgsp.hub.console;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.ledger.ReportConfig;

/**
 * The server-side guard of every console page and data endpoint (the page hiding a link is never
 * the only guard). Role matrix (README "Operator console"): operators and admins watch
 * (overview, live, connections, traffic); system owners and admins manage (owner pages, each
 * system only if the owner's organisation is its {@code ownerOrg}). What an action may change is
 * further checked by the service the console calls, the API's own (e.g. only an admin approves a
 * system; only the provider's owner or an admin approves an access request).
 */
@ApplicationScoped
public class ConsoleAccess {

    @Inject
    ConsoleUsers users;
    @Inject
    ConsoleCsrf csrf;
    @Inject
    ReportConfig reports;

    /** Any signed-in user; otherwise the visitor is sent to the log-in page. */
    public ConsoleView signedIn(HttpServerRequest request, String section) {
        ConsoleUser user = users.current().orElseThrow(ConsoleSignInRequired::new);
        return new ConsoleView(user, ConsoleLocale.of(request), new ConsoleFormat(ConsoleLocale.of(request), reports.timeZone()),
                csrf.token(user), section);
    }

    /** The signed-out and error pages: no user needed. */
    public ConsoleView anonymous(HttpServerRequest request) {
        ConsoleUser user = users.current().orElse(null);
        return new ConsoleView(user, ConsoleLocale.of(request), new ConsoleFormat(ConsoleLocale.of(request), reports.timeZone()),
                user == null ? "" : csrf.token(user), "");
    }

    /** Operators' pages: operator or admin. */
    public ConsoleView watcher(HttpServerRequest request, String section) {
        ConsoleView view = signedIn(request, section);
        if (!view.user().canWatch()) {
            throw new ConsoleForbidden("operators' pages need the operator or admin role");
        }
        return view;
    }

    /** Owners' pages: system owner or admin. */
    public ConsoleView manager(HttpServerRequest request, String section) {
        ConsoleView view = signedIn(request, section);
        if (!view.user().canManage()) {
            throw new ConsoleForbidden("owners' pages need the system_owner or admin role");
        }
        return view;
    }

    /** A form post by a manager, with its CSRF token checked. */
    public ConsoleView managerPost(HttpServerRequest request, String token) {
        ConsoleView view = manager(request, "owner");
        csrf.check(view.user(), token);
        return view;
    }

    /** Fails with 403 unless the user may manage a system of this organisation. */
    public static void requireOwner(ConsoleView view, String ownerOrg) {
        if (!view.user().owns(ownerOrg)) {
            throw new ConsoleForbidden("this system belongs to another organisation");
        }
    }

    /** Fails with 403 unless the user may see this system's detail page (watchers, or its owner). */
    public static void requireViewer(ConsoleView view, String ownerOrg) {
        if (!view.user().canWatch() && !view.user().owns(ownerOrg)) {
            throw new ConsoleForbidden("this system's page is for operators and its owner");
        }
    }
}
