package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON object as a SOAP request: the object becomes the operation element, each field a
 * child element (nested objects nest, arrays repeat the element, null is {@code xsi:nil}).
 */
final class JsonToSoapEnvelope {

    /** Leaves room below {@link SecureXmlParser#MAX_DEPTH} for Envelope, Body and the operation. */
    static final int MAX_JSON_DEPTH = SecureXmlParser.MAX_DEPTH - 3;

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

    String write(JsonNode object) throws InvalidFieldException {
        if (!object.isObject()) {
            throw new InvalidFieldException("", "the request body must be a JSON object");
        }
        StringBuilder xml = new StringBuilder(256);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soap:Envelope xmlns:soap=\"").append(version.namespace())
                .append("\" xmlns:xsi=\"").append(SecureXmlParser.XSI_NAMESPACE).append("\">")
                .append("<soap:Body>")
                .append("<ns:").append(operation).append(" xmlns:ns=\"");
        escape(namespace, xml, "");
        xml.append("\">");
        writeFields(object, "", 1, xml);
        xml.append("</ns:").append(operation).append(">")
                .append("</soap:Body></soap:Envelope>");
        return xml.toString();
    }

    private void writeFields(JsonNode object, String path, int depth, StringBuilder xml) throws InvalidFieldException {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (!isNcName(field.getKey())) {
                throw new InvalidFieldException(fieldPath, "field name is not a valid XML element name");
            }
            if (field.getValue().isArray()) {
                int index = 0;
                for (JsonNode item : field.getValue()) {
                    String itemPath = fieldPath + "[" + index++ + "]";
                    if (item.isArray()) {
                        throw new InvalidFieldException(itemPath, "arrays of arrays have no XML form");
                    }
                    writeElement(field.getKey(), item, itemPath, depth, xml);
                }
            } else {
                writeElement(field.getKey(), field.getValue(), fieldPath, depth, xml);
            }
        }
    }

    private void writeElement(String name, JsonNode value, String path, int depth, StringBuilder xml)
            throws InvalidFieldException {
        if (depth > MAX_JSON_DEPTH) {
            throw new InvalidFieldException(path, "nested deeper than " + MAX_JSON_DEPTH + " levels");
        }
        String tag = qualifiedChildren ? "ns:" + name : name;
        if (value.isNull()) {
            xml.append('<').append(tag).append(" xsi:nil=\"true\"/>");
        } else if (value.isObject()) {
            xml.append('<').append(tag).append('>');
            writeFields(value, path, depth + 1, xml);
            xml.append("</").append(tag).append('>');
        } else {
            xml.append('<').append(tag).append('>');
            escape(scalarText(value), xml, path);
            xml.append("</").append(tag).append('>');
        }
    }

    private static String scalarText(JsonNode value) {
        // Big decimals keep the caller's digits: "12.50" stays 12.50, not 12.5.
        return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
    }

    /** Escapes markup and refuses characters XML 1.0 cannot carry at all. */
    private static void escape(String text, StringBuilder xml, String path) throws InvalidFieldException {
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
