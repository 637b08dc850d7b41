package vn.lgsp.hub.registry;

import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.config.HubConfig;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.Secret;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts endpoint credentials at rest with AES-256-GCM. The endpoint id is bound in as
 * associated data, so a ciphertext copied onto another endpoint's row does not decrypt.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CredentialCipher(HubConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.secrets().key().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lgsp.secrets.key is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("lgsp.secrets.key must be 32 bytes (256 bits) of base64");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(String plaintext, String endpointId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, String endpointId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored credential cannot be decrypted (was lgsp.secrets.key changed?)");
        }
    }

    /**
     * The settings a connector is built from, with the stored credentials decrypted: the one place
     * that turns a stored endpoint into something that can reach the provider (routing, probes).
     */
    public EndpointSettings settings(EndpointRecord record) {
        String id = record.endpoint().id().toString();
        Secret secret = record.secretCiphertext() == null ? null : Secret.of(decrypt(record.secretCiphertext(), id));
        Secret clientKey = record.clientKeyCiphertext() == null ? null : Secret.of(decrypt(record.clientKeyCiphertext(), id));
        return record.endpoint().toSettings(secret, clientKey);
    }
}
