package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The connections table after filtering and sorting, and the links that re-sort it. Sorting and
 * filtering are done by the server (links and a GET form) so they work from the keyboard, without
 * script, and can be bookmarked.
 */
@TemplateData
public record ConnectionTable(List<ConnectionRow> rows, String scope, String status, String sort, String dir, int listed) {

    static final Set<String> SCOPES = Set.of("central", "provincial");
    /** The connection report's statuses, best first. */
    static final List<String> STATUSES = List.of("connected", "degraded", "disconnected", "registered", "not_registered");
    static final Set<String> SORTS = Set.of("id", "name", "scope", "status", "since");

    static ConnectionTable of(List<ConnectionRow> all, String scope, String status, String sort, String dir, boolean english) {
        String s = scope != null && SCOPES.contains(scope) ? scope : "";
        String st = status != null && STATUSES.contains(status) ? status : "";
        String by = sort != null && SORTS.contains(sort) ? sort : "id";
        String d = "desc".equals(dir) ? "desc" : "asc";
        Comparator<ConnectionRow> order = switch (by) {
            case "name" -> Comparator.comparing(r -> english ? r.nameEn() : r.nameVi(), names(english));
            case "scope" -> Comparator.comparing(ConnectionRow::scope);
            case "status" -> Comparator.comparing(ConnectionRow::status);
            case "since" -> Comparator.comparing(ConnectionRow::since, Comparator.nullsLast(Comparator.naturalOrder()));
            default -> Comparator.comparing(ConnectionRow::id);
        };
        Comparator<ConnectionRow> stable = order.thenComparing(ConnectionRow::id);
        List<ConnectionRow> rows = all.stream()
                .filter(r -> s.isEmpty() || r.scope().equals(s))
                .filter(r -> st.isEmpty() || r.status().equals(st))
                .sorted(d.equals("desc") ? stable.reversed() : stable)
                .toList();
        return new ConnectionTable(rows, s, st, by, d, all.size());
    }

    /**
     * Names in the reader's alphabetical order: Vietnamese collation puts Đ after D and ă, â after a
     * (code-point order would put every Đ after Z), letters before their tone marks, case aside.
     */
    static Comparator<Object> names(boolean english) {
        Collator collator = Collator.getInstance(english ? ConsoleLocale.EN : ConsoleLocale.VI);
        collator.setStrength(Collator.SECONDARY);
        return collator;
    }

    /** The status filter's choices, best first. */
    public List<String> statusChoices() {
        return STATUSES;
    }

    /** The link that sorts by {@code column}: ascending, or descending if it is already ascending. */
    public String href(String column) {
        String nextDir = column.equals(sort) && dir.equals("asc") ? "desc" : "asc";
        return "/console/connections?scope=" + enc(scope) + "&status=" + enc(status) + "&sort=" + column + "&dir=" + nextDir;
    }

    /** {@code aria-sort} of a column header. */
    public String aria(String column) {
        return column.equals(sort) ? (dir.equals("asc") ? "ascending" : "descending") : "none";
    }

    public String arrow(String column) {
        return column.equals(sort) ? (dir.equals("asc") ? "▲" : "▼") : "";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
