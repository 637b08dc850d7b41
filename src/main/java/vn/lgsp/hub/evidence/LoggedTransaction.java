package vn.lgsp.hub.evidence;

/**
 * What the message log keeps of one transaction: the ledger's metadata and SHA-256 digests (hex)
 * of the request and the answer as they passed the hub, head and body, never the content. A
 * digest is null where there was nothing to digest (no answer) or the body was cut off.
 * Times are ISO-8601 UTC.
 */
public record LoggedTransaction(
        String transactionId,
        String correlationId,
        String receivedAt,
        String completedAt,
        String road,
        String consumer,
        String provider,
        String service,
        String serviceVersion,
        String operation,
        String method,
        String clientProfile,
        int status,
        String errorCode,
        boolean delivered,
        long requestBytes,
        long responseBytes,
        String requestHeadSha256,
        String requestBodySha256,
        String responseHeadSha256,
        String responseBodySha256) {
}
