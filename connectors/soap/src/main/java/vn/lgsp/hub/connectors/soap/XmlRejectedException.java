package vn.lgsp.hub.connectors.soap;

/** An XML document the connector will not process: malformed, with a DOCTYPE, or too deep. */
final class XmlRejectedException extends Exception {

    XmlRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
