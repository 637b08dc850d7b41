package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Writes a JSON object as a SOAP request: the object becomes the operation element, each field a
 * child element (nested objects nest, arrays repeat the element, null is {@code xsi:nil}).
 *
 * <p>Streams from the parser's tokens to the envelope, never through a tree, so a hostile body
 * costs what its output may cost and no more: numbers are written as the caller wrote them (a
 * body of a few bytes holding {@code 1e999999999} stays a few bytes, where a decimal's plain
 * form would be a gigabyte), nesting is bounded by {@link #MAX_JSON_DEPTH}, elements by
 * {@link #MAX_ELEMENTS}, and the envelope by the byte limit it is given.
 */
final class JsonToSoapEnvelope {

    /** Leaves room below {@link SecureXmlParser#MAX_DEPTH} for Envelope, Body and the operation. */
    static final int MAX_JSON_DEPTH = SecureXmlParser.MAX_DEPTH - 3;
    /** Elements one request may become. */
    static final int MAX_ELEMENTS = 10_000;

    /**
     * Field names are not canonicalised: a hostile body of 20,000 distinct names would otherwise
     * fill and rehash the factory's shared symbol table on every call.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    /** The envelope would be larger than the service accepts. */
    static final class TooLarge extends Exception {
        TooLarge(long maxBytes) {
            super("the SOAP envelope made from this body would exceed " + maxBytes + " bytes", null, false, false);
        }
    }

    private final SoapVersion version;
    private final String operation;
    private final String namespace;
    private final boolean qualifiedChildren;

    JsonToSoapEnvelope(SoapVersion version, String operation, String namespace, boolean qualifiedChildren) {
        this.version = version;
        this.operation = operation;
        this.namespace = namespace;
        this.qualifiedChildren = qualifiedChildren;
    }

    /**
     * The envelope for {@code json} (empty: an empty operation). Fails with
     * {@link InvalidFieldException} for a body that has no XML form, {@link TooLarge} past
     * {@code maxChars} characters of output, and {@link IOException} for malformed JSON.
     */
    String write(byte[] json, long maxChars) throws InvalidFieldException, TooLarge, IOException {
        Output xml = new Output(maxChars);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soap:Envelope xmlns:soap=\"").append(version.namespace())
                .append("\" xmlns:xsi=\"").append(SecureXmlParser.XSI_NAMESPACE).append("\">")
                .append("<soap:Body>")
                .append("<ns:").append(operation).append(" xmlns:ns=\"");
        escape(namespace, xml, "");
        xml.append("\">");
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != null) {
                if (first != JsonToken.START_OBJECT) {
                    throw new InvalidFieldException("", "the request body must be a JSON object");
                }
                writeFields(parser, "", 1, xml);
                if (parser.nextToken() != null) {
                    throw new InvalidFieldException("", "the request body must be one JSON object");
                }
            }
        }
        xml.append("</ns:").append(operation).append(">")
                .append("</soap:Body></soap:Envelope>");
        return xml.toString();
    }

    /** Writes the fields of the object whose START_OBJECT was just read, through its END_OBJECT. */
    private void writeFields(JsonParser parser, String path, int depth, Output xml)
            throws InvalidFieldException, TooLarge, IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (!isNcName(name)) {
                throw new InvalidFieldException(fieldPath, "field name is not a valid XML element name");
            }
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY) {
                int index = 0;
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    String itemPath = fieldPath + "[" + index++ + "]";
                    if (item == JsonToken.START_ARRAY) {
                        throw new InvalidFieldException(itemPath, "arrays of arrays have no XML form");
                    }
                    writeElement(name, item, parser, itemPath, depth, xml);
                }
            } else {
                writeElement(name, value, parser, fieldPath, depth, xml);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + token);
        }
    }

    private void writeElement(String name, JsonToken value, JsonParser parser, String path, int depth, Output xml)
            throws InvalidFieldException, TooLarge, IOException {
        if (depth > MAX_JSON_DEPTH) {
            throw new InvalidFieldException(path, "nested deeper than " + MAX_JSON_DEPTH + " levels");
        }
        if (++xml.elements > MAX_ELEMENTS) {
            throw new InvalidFieldException(path, "the body has more than " + MAX_ELEMENTS + " fields and items");
        }
        String tag = qualifiedChildren ? "ns:" + name : name;
        switch (value) {
            case VALUE_NULL -> xml.append("<").append(tag).append(" xsi:nil=\"true\"/>");
            case START_OBJECT -> {
                xml.append("<").append(tag).append(">");
                writeFields(parser, path, depth + 1, xml);
                xml.append("</").append(tag).append(">");
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                xml.append("<").append(tag).append(">");
                // Numbers as the caller wrote them: "12.50" stays 12.50, and no exponent is ever expanded.
                escape(parser.getText(), xml, path);
                xml.append("</").append(tag).append(">");
            }
            default -> throw new IOException("unexpected " + value);
        }
    }

    /** The envelope being written, refusing to grow past its bound. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder(256);
        private final long max;
        private int elements;

        Output(long max) {
            this.max = max;
        }

        Output append(String part) throws TooLarge {
            if (text.length() + (long) part.length() > max) {
                throw new TooLarge(max);
            }
            text.append(part);
            return this;
        }

        Output appendCodePoint(int cp) throws TooLarge {
            if (text.length() + 2L > max) {
                throw new TooLarge(max);
            }
            text.appendCodePoint(cp);
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Escapes markup and refuses characters XML 1.0 cannot carry at all. */
    private static void escape(String text, Output xml, String path) throws InvalidFieldException, TooLarge {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\r' -> xml.append("&#13;");
                default -> {
                    if (!isXmlChar(cp)) {
                        throw new InvalidFieldException(path, "value has a character XML cannot carry");
                    }
                    xml.appendCodePoint(cp);
                }
            }
        }
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** XML Namespaces NCName, close enough: letters, digits, marks, '.', '-', '_'; no colon. */
    static boolean isNcName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean ok = Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_'
                    || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || cp == 0xB7;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
