package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The traffic search form's values, echoed back into the form and into paging and export links. */
@TemplateData
public record TrafficQuery(String from, String to, String consumer, String provider, String service, String status,
                           String transactionId, int page) {

    static TrafficQuery of(String from, String to, String consumer, String provider, String service, String status,
                           String transactionId, String page) {
        int p = 1;
        try {
            p = page == null || page.isBlank() ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(page.trim())));
        } catch (NumberFormatException ignored) {
            // a bad page number shows the first page
        }
        return new TrafficQuery(clean(from), clean(to), clean(consumer), clean(provider), clean(service), clean(status),
                clean(transactionId), p);
    }

    /** The query string of this search at another page. */
    public String query(int atPage) {
        return "from=" + enc(from) + "&to=" + enc(to) + "&consumer=" + enc(consumer) + "&provider=" + enc(provider)
                + "&service=" + enc(service) + "&status=" + enc(status) + "&transactionId=" + enc(transactionId) + "&page=" + atPage;
    }

    public int previous() {
        return page - 1;
    }

    public int next() {
        return page + 1;
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
