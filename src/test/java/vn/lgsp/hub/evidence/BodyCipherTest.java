package vn.lgsp.hub.evidence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BodyCipherTest {

    private static final byte[] BODY = "{\"hoTen\":\"Nguyễn Văn A\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedBodyOpensOnlyForItsOwnTransactionAndPart() {
        BodyCipher cipher = new BodyCipher(Optional.empty(), List.of(), key());
        BodyCipher.Sealed sealed = cipher.seal(BODY, "tx-1", "request");
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains("Nguy"), "content is not readable at rest");
        assertArrayEquals(BODY, cipher.open(sealed.keyId(), sealed.ciphertext(), "tx-1", "request"));
        assertNull(cipher.open(sealed.keyId(), sealed.ciphertext(), "tx-2", "request"), "moved onto another transaction");
        assertNull(cipher.open(sealed.keyId(), sealed.ciphertext(), "tx-1", "response"), "passed off as the answer");
        byte[] flipped = sealed.ciphertext().clone();
        flipped[flipped.length - 1] ^= 1;
        assertNull(cipher.open(sealed.keyId(), flipped, "tx-1", "request"), "altered at rest");
    }

    @Test
    void aRotatedKeyStillOpensWhatItSealedAndNothingNewIsSealedWithIt() {
        String old = key();
        BodyCipher before = new BodyCipher(Optional.of(old), List.of(), key());
        BodyCipher.Sealed sealed = before.seal(BODY, "tx-1", "response");
        BodyCipher after = new BodyCipher(Optional.of(key()), List.of(old), key());
        assertArrayEquals(BODY, after.open(sealed.keyId(), sealed.ciphertext(), "tx-1", "response"));
        assertNotEquals(sealed.keyId(), after.seal(BODY, "tx-1", "response").keyId());
        assertNull(new BodyCipher(Optional.of(key()), List.of(), key()).open(sealed.keyId(), sealed.ciphertext(), "tx-1", "response"),
                "a key no longer configured opens nothing");
    }

    @Test
    void theDerivedKeyIsNotTheCredentialKeyAndBadKeysAreRefusedAtStart() {
        String secrets = key();
        BodyCipher derived = new BodyCipher(Optional.empty(), List.of(), secrets);
        assertNotEquals(BodyCipher.keyId(Base64.getDecoder().decode(secrets)), derived.currentKeyId());
        assertThrows(IllegalStateException.class, () -> new BodyCipher(Optional.of("c2hvcnQ="), List.of(), secrets));
        assertThrows(IllegalStateException.class, () -> new BodyCipher(Optional.empty(), List.of("not base64!"), secrets));
    }

    private static String key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
