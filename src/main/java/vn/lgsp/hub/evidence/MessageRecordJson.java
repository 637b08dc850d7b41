package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A message record's text, as it is hashed and kept, written field by field once per call: the
 * bytes Jackson's data binding wrote for {@link MessageRecord}, without its per-field property
 * machinery. {@code MessageRecordJsonTest} keeps the two identical, field order and all, so
 * records written before and after read and verify alike.
 */
final class MessageRecordJson {

    private static final JsonFactory JSON = new JsonFactory();

    private MessageRecordJson() {
    }

    static String write(MessageRecord record) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("format", record.format());
            json.writeStringField("instance", record.instance());
            json.writeNumberField("seq", record.seq());
            json.writeFieldName("transaction");
            transaction(json, record.transaction());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return text.toString();
    }

    private static void transaction(JsonGenerator json, LoggedTransaction t) throws IOException {
        json.writeStartObject();
        json.writeStringField("transactionId", t.transactionId());
        json.writeStringField("correlationId", t.correlationId());
        json.writeStringField("receivedAt", t.receivedAt());
        json.writeStringField("completedAt", t.completedAt());
        json.writeStringField("road", t.road());
        json.writeStringField("consumer", t.consumer());
        json.writeStringField("provider", t.provider());
        json.writeStringField("service", t.service());
        json.writeStringField("serviceVersion", t.serviceVersion());
        json.writeStringField("operation", t.operation());
        json.writeStringField("method", t.method());
        json.writeStringField("clientProfile", t.clientProfile());
        json.writeNumberField("status", t.status());
        json.writeStringField("errorCode", t.errorCode());
        json.writeBooleanField("delivered", t.delivered());
        json.writeNumberField("requestBytes", t.requestBytes());
        json.writeNumberField("responseBytes", t.responseBytes());
        json.writeStringField("requestHeadSha256", t.requestHeadSha256());
        json.writeStringField("requestBodySha256", t.requestBodySha256());
        json.writeStringField("responseHeadSha256", t.responseHeadSha256());
        json.writeStringField("responseBodySha256", t.responseBodySha256());
        json.writeEndObject();
    }
}
