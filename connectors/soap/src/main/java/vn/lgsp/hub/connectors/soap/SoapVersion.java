package vn.lgsp.hub.connectors.soap;

/** The two SOAP versions: envelope namespace and how the action travels over HTTP. */
enum SoapVersion {
    V1_1("1.1", "http://schemas.xmlsoap.org/soap/envelope/"),
    V1_2("1.2", "http://www.w3.org/2003/05/soap-envelope");

    private final String label;
    private final String namespace;

    SoapVersion(String label, String namespace) {
        this.label = label;
        this.namespace = namespace;
    }

    String label() {
        return label;
    }

    String namespace() {
        return namespace;
    }

    static SoapVersion fromLabel(String label) {
        for (SoapVersion version : values()) {
            if (version.label.equals(label)) {
                return version;
            }
        }
        throw new IllegalArgumentException("soapVersion must be 1.1 or 1.2");
    }

    static SoapVersion fromNamespace(String namespace) {
        for (SoapVersion version : values()) {
            if (version.namespace.equals(namespace)) {
                return version;
            }
        }
        return null;
    }

    /** SOAP 1.1 carries the action in the SOAPAction header, SOAP 1.2 in the content type. */
    String contentType(String action) {
        if (this == V1_1) {
            return "text/xml; charset=utf-8";
        }
        String type = "application/soap+xml; charset=utf-8";
        return action == null || action.isEmpty() ? type : type + "; action=\"" + action + "\"";
    }
}
