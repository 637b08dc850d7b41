package vn.lgsp.hub.connectors.soap;

import java.util.List;

/**
 * A parsed element: just what SOAP handling needs (names, text, the xsi:nil flag, children).
 * Attributes other than xsi:nil are not kept.
 *
 * @param text the element's own character data, concatenated (empty when none)
 */
record XmlElement(String namespace, String localName, String text, boolean nil, List<XmlElement> children) {

    XmlElement firstChild() {
        return children.isEmpty() ? null : children.get(0);
    }

    XmlElement child(String local) {
        for (XmlElement child : children) {
            if (child.localName().equals(local)) {
                return child;
            }
        }
        return null;
    }
}
