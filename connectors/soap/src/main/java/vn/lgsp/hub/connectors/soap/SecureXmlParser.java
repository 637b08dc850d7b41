package vn.lgsp.hub.connectors.soap;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses untrusted XML into {@link XmlElement}s with the JDK's StAX parser, hardened against
 * XXE and entity expansion: any DOCTYPE is refused outright (so no entity can be declared, let
 * alone expanded or fetched), external access is off, and nesting is capped.
 */
final class SecureXmlParser {

    static final String XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance";
    static final int MAX_DEPTH = 100;

    private SecureXmlParser() {
    }

    static XmlElement parse(byte[] document) throws XmlRejectedException {
        XMLStreamReader reader;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(document));
        } catch (XMLStreamException e) {
            throw new XmlRejectedException("malformed XML");
        }
        try {
            return readDocument(reader);
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRejectedException("malformed XML");
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing held open: the source is an array
            }
        }
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the classpath: its hardening
        // properties are known to work.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }

    private record Open(String namespace, String localName, boolean nil, StringBuilder text, List<XmlElement> children) {
    }

    private static XmlElement readDocument(XMLStreamReader reader) throws XMLStreamException, XmlRejectedException {
        Deque<Open> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new XmlRejectedException("DOCTYPE is not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRejectedException("entity references are not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new XmlRejectedException("XML nested deeper than " + MAX_DEPTH);
                    }
                    if (root != null) {
                        throw new XmlRejectedException("malformed XML");
                    }
                    String nil = reader.getAttributeValue(XSI_NAMESPACE, "nil");
                    boolean isNil = nil != null && (nil.trim().equals("true") || nil.trim().equals("1"));
                    String namespace = reader.getNamespaceURI();
                    open.push(new Open(namespace == null ? "" : namespace, reader.getLocalName(), isNil,
                            new StringBuilder(), new ArrayList<>()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text().append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Open done = open.pop();
                    XmlElement element = new XmlElement(done.namespace(), done.localName(), done.text().toString(),
                            done.nil(), List.copyOf(done.children()));
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children().add(element);
                    }
                }
                default -> { }
            }
        }
        if (root == null) {
            throw new XmlRejectedException("malformed XML");
        }
        return root;
    }
}
