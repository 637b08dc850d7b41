package vn.lgsp.hub.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * The printable connection report in Vietnamese or English, built as plain HTML (no scripts,
 * no external resources) so it prints and archives as is. Every value from the database or the
 * registry is escaped: system names are typed in by owners.
 */
public record ReportPage(boolean vietnamese, ZoneId zone) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final Map<String, String[]> TEXT = Map.ofEntries(
            Map.entry("title", new String[] {"Báo cáo kết nối các hệ thống thông tin với Nền tảng LGSP", "Connection report of information systems to the LGSP"}),
            Map.entry("generated", new String[] {"Lập lúc", "Generated"}),
            Map.entry("asOf", new String[] {"Tình trạng vào cuối ngày", "Status at the end of"}),
            Map.entry("totals", new String[] {"Tổng hợp", "Totals"}),
            Map.entry("scope", new String[] {"Phạm vi", "Scope"}),
            Map.entry("connectedOf", new String[] {"Đã kết nối / tổng số", "Connected / listed"}),
            Map.entry("id", new String[] {"Mã", "Id"}),
            Map.entry("name", new String[] {"Hệ thống thông tin", "Information system"}),
            Map.entry("owner", new String[] {"Cơ quan chủ quản", "Owner"}),
            Map.entry("status", new String[] {"Tình trạng", "Status"}),
            Map.entry("since", new String[] {"Từ", "Since"}),
            Map.entry("probe", new String[] {"Kiểm tra gần nhất", "Last probe"}),
            Map.entry("lastOk", new String[] {"Giao dịch thành công gần nhất", "Last successful transaction"}),
            Map.entry("month", new String[] {"Giao dịch trong tháng", "Transactions this month"}),
            Map.entry("unlisted", new String[] {"Hệ thống đã đăng ký nhưng chưa có trong danh mục", "Registered systems not in the catalogue"}),
            Map.entry("system", new String[] {"Mã hệ thống", "System code"}),
            Map.entry("none", new String[] {"Không có", "None"}),
            Map.entry("up", new String[] {"hoạt động", "up"}),
            Map.entry("down", new String[] {"không phản hồi", "down"}),
            Map.entry("by.probe", new String[] {"kiểm tra thất bại", "probes failing"}),
            Map.entry("by.transactions", new String[] {"giao dịch lỗi", "transactions failing"}),
            Map.entry("central", new String[] {"Trung ương", "Central"}),
            Map.entry("provincial", new String[] {"Tỉnh", "Provincial"}),
            Map.entry("commune", new String[] {"Xã", "Commune"}),
            Map.entry("all", new String[] {"Tất cả", "All"}),
            Map.entry("not_registered", new String[] {"Chưa đăng ký", "Not registered"}),
            Map.entry("registered", new String[] {"Đã đăng ký", "Registered"}),
            Map.entry("connected", new String[] {"Đã kết nối", "Connected"}),
            Map.entry("degraded", new String[] {"Kết nối có lỗi", "Degraded"}),
            Map.entry("disconnected", new String[] {"Mất kết nối", "Disconnected"}),
            Map.entry("unknown", new String[] {"Chưa có dữ liệu", "No record"}));

    /** The page's only style sheet, inline so the page prints and archives as one file. */
    static final String STYLE = "body{font-family:'Times New Roman',serif;margin:2em;color:#000}h1{font-size:1.4em;text-align:center}"
            + "table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.9em}th,td{border:1px solid #444;padding:.3em .5em;vertical-align:top}"
            + "th{background:#eee}.num{text-align:right}.status-connected{color:#060}.status-degraded{color:#a60}"
            + ".status-disconnected{color:#b00}@media print{body{margin:0}th{background:none}}";

    /**
     * A Content-Security-Policy for the page: nothing but its own inline style sheet (by hash), so
     * it can be served where scripts and inline styles are otherwise refused.
     */
    public static String contentSecurityPolicy() {
        try {
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(STYLE.getBytes(StandardCharsets.UTF_8)));
            return "default-src 'none'; style-src 'sha256-" + hash + "'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String render(ConnectionReport report) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(vietnamese ? "vi" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(t("title"))).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<h1>").append(esc(t("title"))).append("</h1>\n<p>");
        if (report.at() != null) {
            h.append(esc(t("asOf"))).append(' ').append(esc(report.at().format(DAY))).append(". ");
        }
        h.append(esc(t("generated"))).append(": ").append(esc(when(report.generatedAt()))).append(" (").append(esc(zone.getId())).append(")</p>\n");

        h.append("<h2>").append(esc(t("totals"))).append("</h2>\n<table class=\"totals\"><tr><th>").append(esc(t("scope")))
                .append("</th><th>").append(esc(t("connectedOf"))).append("</th></tr>\n");
        report.totals().forEach((scope, total) -> h.append("<tr><td>").append(esc(t(scope))).append("</td><td class=\"num\">")
                .append(total.connected()).append('/').append(total.listed()).append("</td></tr>\n"));
        h.append("</table>\n<table class=\"entries\"><tr>");
        for (String column : new String[] {"id", "name", "owner", "scope", "status", "since", "probe", "lastOk", "month"}) {
            h.append("<th>").append(esc(t(column))).append("</th>");
        }
        h.append("</tr>\n");
        for (ConnectionReport.Entry row : report.rows()) {
            h.append("<tr><td>").append(esc(row.catalogueId())).append("</td><td>").append(esc(vietnamese ? row.nameVi() : row.nameEn()))
                    .append("</td><td>").append(esc(vietnamese ? row.ownerVi() : row.ownerEn())).append("</td><td>").append(esc(t(row.scope())))
                    .append("</td>");
            status(h, row.status(), row.degradedBy(), row.degradedSince());
            h.append("<td>").append(esc(when(row.since()))).append("</td><td>").append(esc(probe(row.lastProbe()))).append("</td><td>")
                    .append(esc(when(row.lastSuccessfulTransaction()))).append("</td><td class=\"num\">").append(row.transactionsThisMonth())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (report.unlisted() != null) {
            h.append("<h2>").append(esc(t("unlisted"))).append("</h2>\n");
            if (report.unlisted().isEmpty()) {
                h.append("<p>").append(esc(t("none"))).append("</p>\n");
            } else {
                h.append("<table class=\"unlisted\"><tr>");
                for (String column : new String[] {"system", "name", "owner", "scope", "status", "probe", "lastOk", "month"}) {
                    h.append("<th>").append(esc(t(column))).append("</th>");
                }
                h.append("</tr>\n");
                for (ConnectionReport.Unlisted row : report.unlisted()) {
                    h.append("<tr><td>").append(esc(row.systemCode())).append("</td><td>").append(esc(vietnamese ? row.nameVi() : row.nameEn()))
                            .append("</td><td>").append(esc(row.owningAgency())).append("</td><td>").append(esc(t(row.scope()))).append("</td>");
                    status(h, row.status(), row.degradedBy(), row.degradedSince());
                    h.append("<td>").append(esc(probe(row.lastProbe()))).append("</td><td>").append(esc(when(row.lastSuccessfulTransaction())))
                            .append("</td><td class=\"num\">").append(row.transactionsThisMonth()).append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private void status(StringBuilder h, String status, String degradedBy, OffsetDateTime degradedSince) {
        h.append("<td class=\"status-").append(esc(status)).append("\">").append(esc(t(status)));
        if (degradedBy != null) {
            h.append(" (").append(esc(t("by." + degradedBy)));
            if (degradedSince != null) {
                h.append(", ").append(esc(t("since").toLowerCase())).append(' ').append(esc(when(degradedSince)));
            }
            h.append(')');
        }
        h.append("</td>");
    }

    private String probe(ConnectionReport.Probe probe) {
        if (probe == null) {
            return "";
        }
        String text = when(probe.at()) + " " + t(Boolean.TRUE.equals(probe.up()) ? "up" : "down");
        return probe.detail() == null ? text : text + " (" + probe.detail() + ")";
    }

    private String when(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(zone).format(WHEN);
    }

    /** The label in the page's language; an unknown key (a scope or status added later) shows as itself. */
    private String t(String key) {
        String[] text = TEXT.get(key);
        return text == null ? key : text[vietnamese ? 0 : 1];
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
