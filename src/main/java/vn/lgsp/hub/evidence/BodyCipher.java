package vn.lgsp.hub.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.config.HubConfig;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypts kept bodies with AES-256-GCM. The transaction id and the part are bound in as
 * associated data, so a ciphertext moved onto another transaction's row, or from request to
 * response, does not decrypt. Each ciphertext names its key by id, so older keys listed in
 * {@code previous-keys} still open what they sealed after a rotation.
 *
 * <p>Without a key of its own the cipher derives one from {@code lgsp.secrets.key} (HMAC-SHA256
 * under a fixed label), so that credentials and bodies never share a key. Thread-safe.
 */
@ApplicationScoped
public class BodyCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] LABEL = "lgsp-hub message-log bodies v1".getBytes(StandardCharsets.UTF_8);

    /** Sealed content and the id of the key that sealed it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @jakarta.inject.Inject
    BodyCipher(MessageLogConfig config, HubConfig hub) {
        this(config.bodies().key(), config.bodies().previousKeys().orElse(List.of()), hub.secrets().key());
    }

    BodyCipher(Optional<String> key, List<String> previousKeys, String secretsKey) {
        List<byte[]> raw = new ArrayList<>();
        raw.add(key.map(k -> decode(k, "lgsp.message-log.bodies.key")).orElseGet(() -> derive(secretsKey)));
        previousKeys.forEach(k -> raw.add(decode(k, "lgsp.message-log.bodies.previous-keys")));
        for (byte[] k : raw) {
            keys.putIfAbsent(keyId(k), new SecretKeySpec(k, "AES"));
        }
        currentId = keyId(raw.get(0));
    }

    /** The id of the key new bodies are sealed with. */
    public String currentKeyId() {
        return currentId;
    }

    public Sealed seal(byte[] plain, String transactionId, String part) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(transactionId, part));
            byte[] sealed = cipher.doFinal(plain);
            return new Sealed(currentId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("body encryption failed", e);
        }
    }

    /** The content, or null when no configured key is {@code keyId} or the ciphertext does not open for this transaction and part. */
    public byte[] open(String keyId, byte[] ciphertext, String transactionId, String part) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null || ciphertext.length < NONCE_BYTES) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
            cipher.updateAAD(associated(transactionId, part));
            return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static byte[] associated(String transactionId, String part) {
        return (transactionId + "\n" + part).getBytes(StandardCharsets.UTF_8);
    }

    /** A public name of a key: the first 8 bytes of the SHA-256 of the key's SHA-256, never the key. */
    static String keyId(byte[] key) {
        return HexFormat.of().formatHex(HashChain.sha256(HashChain.sha256(key)), 0, 8);
    }

    private static byte[] derive(String secretsKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(decode(secretsKey, "lgsp.secrets.key"), "HmacSHA256"));
            return mac.doFinal(LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64, String key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(key + " must be 32 bytes (256 bits) of base64");
        }
        return raw;
    }
}
