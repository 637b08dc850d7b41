package vn.lgsp.hub.ledger;

import java.time.Instant;

/** What the ledger knows of a call before it reaches the provider: who, to which service, when. */
record RequestRecord(String transactionId, String correlationId, Instant receivedAt, String consumerCode, String providerCode,
                     String serviceCode, String serviceVersion, String connectorType, String httpMethod, String pathPattern,
                     String hubInstance, String clientProfile) {
}
