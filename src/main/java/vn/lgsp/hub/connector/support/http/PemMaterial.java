package vn.lgsp.hub.connector.support.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses PEM trust and key material up front, so a bad setting is a field error, not a failed call. */
public final class PemMaterial {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern PKCS1 = Pattern.compile(
            "-----BEGIN (RSA|EC) PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA|EC) PRIVATE KEY-----");

    private PemMaterial() {
    }

    /** Number of X.509 certificates in {@code pem}; fails when none or one does not parse. */
    public static int certificateCount(String pem) throws CertificateException {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new CertificateException("no PEM certificate found");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        var certificates = factory.generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new CertificateException("no PEM certificate found");
        }
        return certificates.size();
    }

    /**
     * True when {@code pem} holds one private key the JDK can read: PKCS#8 ({@code BEGIN PRIVATE
     * KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, as OpenSSL 1.x writes it) or SEC 1 EC
     * ({@code BEGIN EC PRIVATE KEY}); the TLS stack reads all three. Encrypted keys are not.
     */
    public static boolean isPrivateKey(String pem) {
        if (pem == null) {
            return false;
        }
        Matcher pkcs8 = PKCS8.matcher(pem);
        if (pkcs8.find()) {
            byte[] der = base64(pkcs8.group(1));
            return der != null && readsAsPkcs8(der);
        }
        Matcher pkcs1 = PKCS1.matcher(pem);
        if (pkcs1.find() && pkcs1.group(1).equals(pkcs1.group(3))) {
            byte[] der = base64(pkcs1.group(2));
            if (der == null || !isDerSequence(der)) {
                return false;
            }
            // An RSA key is checked whole, as the PKCS#8 that wraps it; an EC key's curve is
            // inside it, so its structure is what can be checked here.
            return !"RSA".equals(pkcs1.group(1)) || readsAsPkcs8(rsaPkcs8(der));
        }
        return false;
    }

    private static boolean readsAsPkcs8(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return true;
            } catch (Exception ignored) {
                // try the next algorithm
            }
        }
        return false;
    }

    private static byte[] base64(String text) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(text);
            return der.length == 0 ? null : der;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One DER SEQUENCE whose length is exactly the rest of {@code der}. */
    static boolean isDerSequence(byte[] der) {
        if (der.length < 2 || der[0] != 0x30) {
            return false;
        }
        int first = der[1] & 0xff;
        if (first < 0x80) {
            return first == der.length - 2;
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > 3 || der.length < 2 + octets) {
            return false;
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[2 + i] & 0xff);
        }
        return length == der.length - 2 - octets;
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 } (RFC 5208). */
    private static byte[] rsaPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaEncryption = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] key = tlv(0x04, pkcs1);
        byte[] content = new byte[version.length + rsaEncryption.length + key.length];
        System.arraycopy(version, 0, content, 0, version.length);
        System.arraycopy(rsaEncryption, 0, content, version.length, rsaEncryption.length);
        System.arraycopy(key, 0, content, version.length + rsaEncryption.length, key.length);
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }
}
