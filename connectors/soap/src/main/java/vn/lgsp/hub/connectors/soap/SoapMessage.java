package vn.lgsp.hub.connectors.soap;

/**
 * A parsed SOAP envelope.
 *
 * @param payload the first element inside Body, or null for an empty Body
 * @param fault   the fault when {@code payload} is one, else null
 */
record SoapMessage(SoapVersion version, XmlElement payload, SoapFault fault) {

    static SoapMessage parse(byte[] document) throws XmlRejectedException {
        XmlElement envelope = SecureXmlParser.parse(document);
        SoapVersion version = SoapVersion.fromNamespace(envelope.namespace());
        if (version == null || !envelope.localName().equals("Envelope")) {
            throw new XmlRejectedException("not a SOAP envelope");
        }
        XmlElement body = null;
        for (XmlElement child : envelope.children()) {
            if (child.localName().equals("Body") && child.namespace().equals(version.namespace())) {
                body = child;
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
        return new SoapMessage(version, payload, fault);
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
