package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * Turns a SOAP payload element into JSON: child elements become fields (repeated names become
 * arrays), leaves become strings, xsi:nil becomes null. Namespaces and attributes are dropped,
 * and text mixed in with child elements is ignored: XML Schema types cannot tell JSON which
 * leaves are numbers, so everything stays a string rather than guessing.
 */
final class XmlToJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private XmlToJson() {
    }

    static JsonNode convert(XmlElement element) {
        if (element.nil()) {
            return NODES.nullNode();
        }
        if (element.children().isEmpty()) {
            return NODES.textNode(element.text());
        }
        Map<String, List<XmlElement>> byName = new LinkedHashMap<>();
        for (XmlElement child : element.children()) {
            byName.computeIfAbsent(child.localName(), k -> new ArrayList<>()).add(child);
        }
        ObjectNode object = NODES.objectNode();
        byName.forEach((name, elements) -> {
            if (elements.size() == 1) {
                object.set(name, convert(elements.get(0)));
            } else {
                ArrayNode array = object.putArray(name);
                elements.forEach(e -> array.add(convert(e)));
            }
        });
        return object;
    }
}
