package vn.lgsp.hub.console;

import vn.lgsp.hub.audit.AuditEntry;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.lgsp.hub.access.Grant;

import java.util.List;

/**
 * The console's pages, type-checked at build time against templates/ConsolePages/*.html (all
 * share templates/layout.html). Texts come from {@link ConsoleMessages}; the caller sets the
 * {@code locale} attribute. Qute escapes every value.
 */
@CheckedTemplate(basePath = "ConsolePages")
public final class ConsolePages {

    private ConsolePages() {
    }

    public static native TemplateInstance signedOut(ConsoleView view);

    public static native TemplateInstance forbidden(ConsoleView view, String reason);

    /** What a browser gets for a console address that fails (unknown page, bad parameter, hub fault): hub words only. */
    public static native TemplateInstance error(ConsoleView view, int status, String code, String transactionId);

    public static native TemplateInstance overview(ConsoleView view, Overview overview, PeriodVolume chosen, Notice notice);

    /** The overview's figures alone, re-rendered with every live snapshot so that they all move together. */
    public static native TemplateInstance overview$figures(ConsoleView view, Overview overview);

    public static native TemplateInstance connections(ConsoleView view, ConnectionTable table);

    public static native TemplateInstance system(ConsoleView view, SystemDetail detail, boolean manageable, Notice notice);

    public static native TemplateInstance traffic(ConsoleView view, TrafficQuery query, List<TxRow> rows, boolean hasMore,
                                                  ResultCount count, Notice notice);

    public static native TemplateInstance audit(ConsoleView view, AuditQuery query, List<AuditEntry> rows, boolean hasMore,
                                                ResultCount count, Notice notice);

    public static native TemplateInstance owner(ConsoleView view, List<OwnedSystem> systems, List<ConnectionRow> catalogue,
                                                Notice notice);

    public static native TemplateInstance ownerSystem(ConsoleView view, SystemDetail detail, List<String> actions, Notice notice);

    public static native TemplateInstance grants(ConsoleView view, List<Grant> grants, List<OwnedSystem> mine,
                                                 List<OwnerQueries.Offered> offered, OwnerQueries.SystemNames names, Notice notice);
}
