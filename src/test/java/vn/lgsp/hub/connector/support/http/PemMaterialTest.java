package vn.lgsp.hub.connector.support.http;

import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client key formats the README promises, and look-alikes that are not keys. */
class PemMaterialTest {

    @Test
    void readsPkcs8AndPkcs1RsaKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
        assertTrue(PemMaterial.isPrivateKey(pem("PRIVATE KEY", pkcs8)));
        assertTrue(PemMaterial.isPrivateKey(pem("RSA PRIVATE KEY", innerKey(pkcs8))));
    }

    @Test
    void readsPkcs8EcKeys() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] pkcs8 = ec.generateKeyPair().getPrivate().getEncoded();
        assertTrue(PemMaterial.isPrivateKey(pem("PRIVATE KEY", pkcs8)));
        // SEC 1 is the OCTET STRING inside an EC PKCS#8.
        assertTrue(PemMaterial.isPrivateKey(pem("EC PRIVATE KEY", innerKey(pkcs8))));
    }

    @Test
    void refusesBlocksThatOnlyLookLikeKeys() throws Exception {
        // Accepted before: any base64 between PKCS#1 markers passed.
        assertFalse(PemMaterial.isPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
        assertFalse(PemMaterial.isPrivateKey(pem("EC PRIVATE KEY", new byte[] {0x30, 0x05, 0x02, 0x01, 0x01})));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] pkcs1 = innerKey(rsa.generateKeyPair().getPrivate().getEncoded());
        byte[] cut = Arrays.copyOf(pkcs1, pkcs1.length - 40);
        assertFalse(PemMaterial.isPrivateKey(pem("RSA PRIVATE KEY", cut)), "a truncated key");
        assertFalse(PemMaterial.isPrivateKey("-----BEGIN RSA PRIVATE KEY-----\n" + b64(pkcs1) + "\n-----END EC PRIVATE KEY-----"),
                "mismatched markers");
        assertFalse(PemMaterial.isPrivateKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));
    }

    /** The OCTET STRING that ends a PKCS#8 PrivateKeyInfo: the PKCS#1 or SEC 1 key. */
    private static byte[] innerKey(byte[] pkcs8) {
        int[] at = {0};
        header(pkcs8, at);               // PrivateKeyInfo SEQUENCE
        skip(pkcs8, at);                 // version
        skip(pkcs8, at);                 // AlgorithmIdentifier
        int length = header(pkcs8, at);  // OCTET STRING
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    private static void skip(byte[] der, int[] at) {
        int length = header(der, at);
        at[0] += length;
    }

    private static int header(byte[] der, int[] at) {
        at[0]++;
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + b64(der) + "\n-----END " + label + "-----\n";
    }

    private static String b64(byte[] der) {
        return Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    }
}
