package vn.lgsp.hub.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The transaction event's JSON written field by field, once per call on the hot path: the bytes
 * Jackson's data binding wrote for {@link LedgerWriter.TransactionEvent}, without its per-field
 * property machinery, which was several per cent of the hub's CPU per call.
 * {@code TransactionEventJsonTest} keeps the two identical, field order and all.
 */
final class TransactionEventJson {

    private static final JsonFactory JSON = new JsonFactory();

    private TransactionEventJson() {
    }

    static String write(LedgerWriter.TransactionEvent event) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("specversion", event.specversion());
            json.writeStringField("id", event.id());
            json.writeStringField("source", event.source());
            json.writeStringField("type", event.type());
            json.writeStringField("subject", event.subject());
            json.writeStringField("time", event.time());
            json.writeStringField("datacontenttype", event.datacontenttype());
            json.writeFieldName("data");
            entry(json, event.data());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return text.toString();
    }

    private static void entry(JsonGenerator json, LedgerEntry e) throws IOException {
        json.writeStartObject();
        json.writeStringField("transactionId", e.transactionId());
        json.writeStringField("correlationId", e.correlationId());
        json.writeStringField("receivedAt", instant(e.receivedAt()));
        json.writeStringField("consumerCode", e.consumerCode());
        json.writeStringField("providerCode", e.providerCode());
        json.writeStringField("serviceCode", e.serviceCode());
        json.writeStringField("serviceVersion", e.serviceVersion());
        json.writeStringField("connectorType", e.connectorType());
        json.writeStringField("httpMethod", e.httpMethod());
        json.writeStringField("pathPattern", e.pathPattern());
        json.writeStringField("requestOutAt", instant(e.requestOutAt()));
        json.writeStringField("responseInAt", instant(e.responseInAt()));
        json.writeNumberField("durationMicros", e.durationMicros());
        json.writeNumberField("requestBytes", e.requestBytes());
        json.writeNumberField("responseBytes", e.responseBytes());
        json.writeNumberField("statusCode", e.statusCode());
        json.writeBooleanField("success", e.success());
        json.writeStringField("errorCode", e.errorCode());
        json.writeStringField("fault", e.fault());
        json.writeStringField("requestSha256", e.requestSha256());
        json.writeStringField("hubInstance", e.hubInstance());
        json.writeStringField("clientProfile", e.clientProfile());
        json.writeEndObject();
    }

    /** As Jackson writes an {@link Instant} with dates as text: ISO-8601, UTC. */
    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
