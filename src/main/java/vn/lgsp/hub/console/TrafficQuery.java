package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import static vn.lgsp.hub.console.FormText.clean;
import static vn.lgsp.hub.console.FormText.enc;

/** The traffic search form's values, echoed back into the form and into paging and export links. */
@TemplateData
public record TrafficQuery(String from, String to, String consumer, String provider, String service, String status,
                           String transactionId, int page) {

    static TrafficQuery of(String from, String to, String consumer, String provider, String service, String status,
                           String transactionId, String page) {
        return new TrafficQuery(clean(from), clean(to), clean(consumer), clean(provider), clean(service), clean(status),
                clean(transactionId), FormText.page(page));
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
}
