package vn.lgsp.hub.evidence;

import java.util.List;

/**
 * Everything needed to prove one transaction offline: its record as hashed, the chain from the
 * record before it up to a signed checkpoint (the digests of the records in between), and that
 * checkpoint with its signature, the signer's certificate chain and the time stamp. Bytes are
 * Base64, digests hex. Checked by {@link EvidenceVerifier}; nothing in it needs the hub.
 */
public record EvidenceBundle(
        String format,
        String transactionId,
        String instance,
        long seq,
        String record,
        String previousChainSha256,
        List<String> followingRecordSha256,
        Checkpoint checkpoint) {

    public static final String FORMAT = "lgsp-evidence/1";

    /** A signed checkpoint as stored and as published to Kafka. */
    public record Checkpoint(String body, String signatureAlgorithm, String signature, List<String> certificates, String timeStamp) {
    }
}
