package vn.lgsp.hub.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The message log's hash chain, the one definition the hub, the database check and the offline
 * verifier share: {@code chain(n) = SHA-256(chain(n-1) || SHA-256(record(n)))}, starting from
 * 32 zero bytes, where {@code record(n)} is the record's UTF-8 text exactly as stored.
 */
public final class HashChain {

    /** What the first record of an instance's chain links to. */
    public static final byte[] GENESIS = new byte[32];

    private HashChain() {
    }

    public static byte[] recordDigest(String record) {
        return sha256(record.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] link(byte[] previous, byte[] recordDigest) {
        MessageDigest digest = sha256();
        digest.update(previous);
        digest.update(recordDigest);
        return digest.digest();
    }

    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
