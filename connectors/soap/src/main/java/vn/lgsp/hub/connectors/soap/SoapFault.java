package vn.lgsp.hub.connectors.soap;

/**
 * A fault from the provider.
 *
 * @param code   fault code as sent, e.g. {@code soap:Client} or {@code env:Sender}
 * @param reason fault string (1.1) or first reason text (1.2)
 */
record SoapFault(String code, String reason) {

    /** Client (1.1) and Sender (1.2) faults blame the request; anything else the provider. */
    boolean callerAtFault() {
        String local = code.contains(":") ? code.substring(code.indexOf(':') + 1) : code;
        return local.equals("Client") || local.startsWith("Client.") || local.equals("Sender");
    }

    /** For {@code ConnectorResponse.fault}: "faultcode: faultstring". */
    String summary() {
        return code + ": " + reason;
    }
}
