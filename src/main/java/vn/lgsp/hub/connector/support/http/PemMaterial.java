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

    /** True when {@code pem} holds one private key the JDK can read (PKCS#8), or a PKCS#1 block. */
    public static boolean isPrivateKey(String pem) {
        if (pem == null) {
            return false;
        }
        Matcher pkcs8 = PKCS8.matcher(pem);
        if (pkcs8.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(pkcs8.group(1));
            } catch (IllegalArgumentException e) {
                return false;
            }
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
        Matcher pkcs1 = PKCS1.matcher(pem);
        if (pkcs1.find()) {
            try {
                return Base64.getMimeDecoder().decode(pkcs1.group(2)).length > 0;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
