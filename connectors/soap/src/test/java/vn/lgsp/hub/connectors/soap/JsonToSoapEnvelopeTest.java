package vn.lgsp.hub.connectors.soap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonToSoapEnvelopeTest {

    private static final long LIMIT = 10L * 1024 * 1024;
    private final JsonToSoapEnvelope converter = new JsonToSoapEnvelope(SoapVersion.V1_1, "TraCuu", "urn:lgsp:hotich", false);

    private String write(String json) throws Exception {
        return converter.write(json.getBytes(StandardCharsets.UTF_8), LIMIT);
    }

    @Test
    void numbersStayAsTheCallerWroteThemEvenWithAHugeExponent() throws Exception {
        String envelope = write("{\"a\":1e999999999,\"b\":12.50,\"c\":-0.0,\"d\":123456789012345678901234567890,\"e\":true}");
        assertTrue(envelope.contains("<a>1e999999999</a>"), envelope);
        assertTrue(envelope.contains("<b>12.50</b>"), envelope);
        assertTrue(envelope.contains("<c>-0.0</c>"), envelope);
        assertTrue(envelope.contains("<d>123456789012345678901234567890</d>"), envelope);
        assertTrue(envelope.contains("<e>true</e>"), envelope);
        assertTrue(envelope.length() < 400, "a few bytes in, a few bytes out");
    }

    @Test
    void nestingArraysNullsAndEscapingKeepTheirForm() throws Exception {
        String envelope = write("{\"diaChi\":{\"tinh\":\"Cà Mau\"},\"con\":[{\"ten\":\"An\"},{\"ten\":\"<B&>\"}],\"ghiChu\":null}");
        assertTrue(envelope.contains("<diaChi><tinh>Cà Mau</tinh></diaChi>"), envelope);
        assertTrue(envelope.contains("<con><ten>An</ten></con><con><ten>&lt;B&amp;&gt;</ten></con>"), envelope);
        assertTrue(envelope.contains("<ghiChu xsi:nil=\"true\"/>"), envelope);
        assertTrue(write("").contains("<ns:TraCuu xmlns:ns=\"urn:lgsp:hotich\"></ns:TraCuu>"), "an empty body is an empty operation");
    }

    @Test
    void boundsDepthElementsAndOutput() {
        String deep = "{\"a\":".repeat(JsonToSoapEnvelope.MAX_JSON_DEPTH + 1) + "1" + "}".repeat(JsonToSoapEnvelope.MAX_JSON_DEPTH + 1);
        assertThrows(InvalidFieldException.class, () -> write(deep));
        String many = "{\"x\":[" + "1,".repeat(JsonToSoapEnvelope.MAX_ELEMENTS) + "1]}";
        InvalidFieldException tooMany = assertThrows(InvalidFieldException.class, () -> write(many));
        assertEquals("x[" + JsonToSoapEnvelope.MAX_ELEMENTS + "]", tooMany.field());
        assertThrows(JsonToSoapEnvelope.TooLarge.class,
                () -> converter.write(("{\"a\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8), 1000));
    }

    @Test
    void refusesWhatHasNoXmlForm() {
        assertEquals("", assertThrows(InvalidFieldException.class, () -> write("[1,2]")).field());
        assertEquals("", assertThrows(InvalidFieldException.class, () -> write("{} {}")).field());
        assertEquals("a[0]", assertThrows(InvalidFieldException.class, () -> write("{\"a\":[[1]]}")).field());
        assertEquals("a.b c", assertThrows(InvalidFieldException.class, () -> write("{\"a\":{\"b c\":1}}")).field());
        assertEquals("a", assertThrows(InvalidFieldException.class, () -> write("{\"a\":\"\\u0001\"}")).field());
        assertThrows(IOException.class, () -> write("{\"a\":"));
    }
}
