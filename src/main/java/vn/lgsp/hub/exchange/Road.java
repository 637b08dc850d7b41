package vn.lgsp.hub.exchange;

/**
 * The ways a call reaches a provider. Every road runs the same {@link ExchangePipeline}; what
 * differs between them is stated here (and which stages apply, in {@link StageId}), never by a
 * copy of a stage.
 */
public enum Road {
    /** {@code /share/{provider}/{service}/...}: a consumer waits for the provider's answer. */
    SHARING("sharing", true, null),
    /** An event pushed to a subscriber's endpoint: the hub calls, nobody waits. */
    PUSH("push", false, "push"),
    /** A subscriber reading its events: answered from Kafka, not by a connector. */
    PULL("pull", true, "pull"),
    /** A provider publishing an event: answered once Kafka acknowledged it. */
    PUBLISH("publish", true, "kafka-publish");

    private final String wire;
    private final boolean callerWaits;
    private final String ledgerConnector;

    Road(String wire, boolean callerWaits, String ledgerConnector) {
        this.wire = wire;
        this.callerWaits = callerWaits;
        this.ledgerConnector = ledgerConnector;
    }

    /** The name in metrics labels and documents. */
    public String wire() {
        return wire;
    }

    /**
     * True when a caller's request started the call: its refusals are that caller's decisions and
     * audited as such. A push is the hub's own doing; its refusals are delivery outcomes.
     */
    public boolean callerWaits() {
        return callerWaits;
    }

    /** What the ledger records as the connector: the endpoint's connector type for sharing calls, the road for events. */
    public String ledgerConnector(Route route) {
        return ledgerConnector != null ? ledgerConnector : route.endpoint().connectorType();
    }

    String targetOf(Exchange exchange) {
        return switch (this) {
            // A client convention's address names its service only once the compat stage looked it up.
            case SHARING -> exchange.providerCode() == null ? exchange.inbound().path()
                    : "/share/" + exchange.providerCode() + "/" + exchange.serviceCode();
            case PUSH -> "push " + exchange.providerCode() + "/" + exchange.serviceCode() + " to " + exchange.path();
            case PULL, PUBLISH -> exchange.path();
        };
    }
}
