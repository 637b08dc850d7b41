package vn.lgsp.hub.testing.stub;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost made with the JDK's keytool, so TLS tests need no
 * extra libraries. The certificate is its own CA.
 *
 * @param keyStore PKCS#12 store with the key, for the stub server
 * @param password store and key password
 * @param certificatePem the certificate in PEM, for the connector's trust settings
 */
public record SelfSignedCertificate(Path keyStore, String password, String certificatePem) {

    public static SelfSignedCertificate create(Path directory) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path store = directory.resolve("stub.p12");
        Path pem = directory.resolve("stub.pem");
        String password = "stub-password";
        run(List.of(keytool, "-genkeypair", "-alias", "stub", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "stub", "-keystore", store.toString(),
                "-storepass", password, "-file", pem.toString()));
        return new SelfSignedCertificate(store, password, Files.readString(pem));
    }

    /**
     * The private key as PKCS#8 PEM, as an owner would paste it into {@code tls.clientKeyPem}
     * (keytool cannot export keys, so it is read back from the store).
     */
    public String privateKeyPem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        Key key = store.getKey("stub", password.toCharArray());
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output));
        }
    }
}
