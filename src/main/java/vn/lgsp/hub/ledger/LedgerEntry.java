package vn.lgsp.hub.ledger;

import java.time.Instant;

/**
 * One sharing transaction as the ledger keeps it: who called what, when, how it ended, how big it
 * was. Never a payload, query string or raw path (they may carry personal data); bodies only as
 * SHA-256 digests where the service asks for proof. {@code transactionId} is always the hub's own
 * (one row per forwarded call); {@code correlationId} is the caller's id for it, if it sent one;
 * {@code clientProfile} the convention of today's LGSPs the call came in by, if any (e.g. {@code wso2+lgsp-token}).
 */
public record LedgerEntry(
        String transactionId,
        String correlationId,
        Instant receivedAt,
        String consumerCode,
        String providerCode,
        String serviceCode,
        String serviceVersion,
        String connectorType,
        String httpMethod,
        String pathPattern,
        Instant requestOutAt,
        Instant responseInAt,
        long durationMicros,
        long requestBytes,
        long responseBytes,
        int statusCode,
        boolean success,
        String errorCode,
        String fault,
        String requestSha256,
        String hubInstance,
        String clientProfile) {

    /** The status family used by the rollups: 2..5. */
    public int statusClass() {
        return Math.max(1, Math.min(5, statusCode / 100));
    }

    /** Power-of-two bucket of the duration in microseconds (0: under 2 us; 31: over 35 minutes). */
    public int latencyBucket() {
        return bucketOf(durationMicros);
    }

    static int bucketOf(long micros) {
        return Math.min(31, 63 - Long.numberOfLeadingZeros(Math.max(1, micros)));
    }
}
