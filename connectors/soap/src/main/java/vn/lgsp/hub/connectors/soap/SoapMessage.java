package vn.lgsp.hub.connectors.soap;

import java.util.Set;

/**
 * A parsed SOAP envelope.
 *
 * @param header  the Header element, or null
 * @param payload the first element inside Body, or null for an empty Body
 * @param fault   the fault when {@code payload} is one, else null
 */
record SoapMessage(SoapVersion version, XmlElement header, XmlElement payload, SoapFault fault) {

    /** WS-Addressing (2005 and the 2004 draft WCF still speaks): some stacks dispatch on its Action, not on the Body. */
    static final Set<String> ADDRESSING = Set.of("http://www.w3.org/2005/08/addressing", "http://schemas.xmlsoap.org/ws/2004/08/addressing");

    /**
     * A caller's envelope, held to one reading: at most one Header, first; exactly one Body;
     * nothing else in the envelope; exactly one element (the operation) in the Body. Stacks
     * differ on which of several Bodies or operations they dispatch (the first, the last), so
     * the hub's operation check would not be the provider's.
     */
    static SoapMessage parseRequest(byte[] document) throws XmlRejectedException {
        XmlElement envelope = SecureXmlParser.parse(document);
        SoapMessage message = of(envelope);
        int headers = 0;
        int bodies = 0;
        for (int i = 0; i < envelope.children().size(); i++) {
            XmlElement child = envelope.children().get(i);
            boolean soap = child.namespace().equals(message.version().namespace());
            if (soap && child.localName().equals("Header") && i == 0) {
                headers++;
            } else if (soap && child.localName().equals("Body")) {
                bodies++;
            } else {
                throw new XmlRejectedException("the envelope may hold one Header, then one Body, and nothing else");
            }
        }
        if (headers > 1 || bodies != 1) {
            throw new XmlRejectedException("the envelope may hold one Header, then one Body, and nothing else");
        }
        XmlElement body = envelope.children().get(envelope.children().size() - 1);
        if (body.children().size() > 1) {
            throw new XmlRejectedException("the Body may hold one operation element only");
        }
        return message;
    }

    /** The WS-Addressing Action the caller's Header names, or null. */
    String addressingAction() {
        if (header == null) {
            return null;
        }
        for (XmlElement child : header.children()) {
            if (child.localName().equals("Action") && ADDRESSING.contains(child.namespace())) {
                return child.text().trim();
            }
        }
        return null;
    }

    static SoapMessage parse(byte[] document) throws XmlRejectedException {
        return of(SecureXmlParser.parse(document));
    }

    private static SoapMessage of(XmlElement envelope) throws XmlRejectedException {
        SoapVersion version = SoapVersion.fromNamespace(envelope.namespace());
        if (version == null || !envelope.localName().equals("Envelope")) {
            throw new XmlRejectedException("not a SOAP envelope");
        }
        XmlElement header = null;
        XmlElement body = null;
        for (XmlElement child : envelope.children()) {
            if (child.namespace().equals(version.namespace())) {
                if (child.localName().equals("Body")) {
                    if (body != null) {
                        throw new XmlRejectedException("SOAP envelope has more than one Body");
                    }
                    body = child;
                } else if (child.localName().equals("Header") && header == null && body == null) {
                    header = child;
                }
            }
        }
        if (body == null) {
            throw new XmlRejectedException("SOAP envelope has no Body");
        }
        XmlElement payload = body.firstChild();
        SoapFault fault = null;
        if (payload != null && payload.localName().equals("Fault") && payload.namespace().equals(version.namespace())) {
            fault = version == SoapVersion.V1_1 ? fault11(payload) : fault12(payload);
        }
        return new SoapMessage(version, header, payload, fault);
    }

    private static SoapFault fault11(XmlElement fault) {
        return new SoapFault(text(fault.child("faultcode")), text(fault.child("faultstring")));
    }

    private static SoapFault fault12(XmlElement fault) {
        XmlElement code = fault.child("Code");
        XmlElement reason = fault.child("Reason");
        return new SoapFault(text(code == null ? null : code.child("Value")),
                text(reason == null ? null : reason.child("Text")));
    }

    private static String text(XmlElement element) {
        return element == null ? "" : element.text().trim();
    }
}
