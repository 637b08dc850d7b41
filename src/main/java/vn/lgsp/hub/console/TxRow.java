package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.time.OffsetDateTime;
import java.util.Map;

/** One transaction in the traffic table (what the ledger search returns, typed for the template). */
@TemplateData
public record TxRow(String transactionId, OffsetDateTime receivedAt, String consumer, String provider, String service,
                    String serviceVersion, String method, String pathPattern, Integer statusCode, boolean success,
                    String errorCode, Double durationMs) {

    static TxRow of(Map<String, Object> m) {
        return new TxRow((String) m.get("transactionId"), (OffsetDateTime) m.get("receivedAt"), (String) m.get("consumer"),
                (String) m.get("provider"), (String) m.get("service"), (String) m.get("serviceVersion"), (String) m.get("method"),
                (String) m.get("pathPattern"), (Integer) m.get("statusCode"), Boolean.TRUE.equals(m.get("success")),
                (String) m.get("errorCode"), m.get("durationMs") == null ? null : ((Number) m.get("durationMs")).doubleValue());
    }
}
