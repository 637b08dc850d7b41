package vn.lgsp.hub.evidence;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;
import vn.lgsp.hub.config.InstanceName;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * Signs checkpoints with the hub's key: from a PKCS#12 file or a PKCS#11 token (so a province can
 * use the key its CA issued), re-read when the file changes so a key is rotated without a restart,
 * or, with no key store configured, an ephemeral self-signed key made at start (evidence from it
 * verifies, but names no authority: for demonstrations only).
 *
 * <p>Threading: {@link #sign} may block (a token, a file) and is called on a worker thread.
 */
@ApplicationScoped
public class HubSigner {

    private static final Logger LOG = Logger.getLogger(HubSigner.class);

    /** A signature and the certificate chain (signer first) that verifies it. */
    public record Signed(String algorithm, byte[] signature, List<X509Certificate> certificates) {
    }

    private record Key(PrivateKey key, List<X509Certificate> chain, FileTime loadedVersion) {
    }

    @Inject
    MessageLogConfig config;
    @Inject
    InstanceName instance;

    private Key current;

    @PostConstruct
    void init() {
        if (config.signing().keyStore().isEmpty() && config.enabled()) {
            LOG.warn("lgsp.message-log.signing.key-store is not set: checkpoints are signed with an ephemeral self-signed key"
                    + " (evidence names no authority; set a PKCS#12 file or PKCS#11 token for production)");
        }
    }

    public synchronized Signed sign(byte[] data) throws GeneralSecurityException, IOException {
        Key key = key();
        X509Certificate signer = key.chain().get(0);
        signer.checkValidity();
        String algorithm = algorithmFor(key.key());
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key.key());
        signature.update(data);
        return new Signed(algorithm, signature.sign(), key.chain());
    }

    static String algorithmFor(java.security.Key key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("signing key of type " + key.getAlgorithm() + " is not supported (use EC or RSA)");
        };
    }

    private Key key() throws GeneralSecurityException, IOException {
        if (config.signing().keyStore().isEmpty()) {
            if (current == null) {
                current = ephemeral();
            }
            return current;
        }
        Path file = Path.of(config.signing().keyStore().get());
        FileTime version = Files.getLastModifiedTime(file);
        if (current == null || !version.equals(current.loadedVersion())) {
            Key loaded = load(file, version);
            if (current != null) {
                LOG.infof("message log signing key changed: now %s", loaded.chain().get(0).getSubjectX500Principal().getName());
            }
            current = loaded;
        }
        return current;
    }

    private Key load(Path file, FileTime version) throws GeneralSecurityException, IOException {
        char[] password = config.signing().keyStorePassword().map(String::toCharArray).orElse(new char[0]);
        KeyStore store;
        if ("PKCS11".equalsIgnoreCase(config.signing().keyStoreType())) {
            Provider token = Security.getProvider("SunPKCS11").configure(file.toString());
            store = KeyStore.getInstance("PKCS11", token);
            store.load(null, password);
        } else {
            store = KeyStore.getInstance(config.signing().keyStoreType());
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
        }
        String alias = config.signing().keyAlias().orElse(null);
        if (alias == null) {
            for (String candidate : Collections.list(store.aliases())) {
                if (store.isKeyEntry(candidate)) {
                    if (alias != null) {
                        throw new GeneralSecurityException("the key store holds several keys: set lgsp.message-log.signing.key-alias");
                    }
                    alias = candidate;
                }
            }
        }
        if (alias == null || !store.isKeyEntry(alias)) {
            throw new GeneralSecurityException("the key store has no private key" + (alias == null ? "" : " named " + alias));
        }
        PrivateKey key = (PrivateKey) store.getKey(alias, password);
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) certificate);
        }
        return new Key(key, List.copyOf(chain), version);
    }

    private Key ephemeral() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=LGSP Hub " + instance.value().replaceAll("[,=+<>#;\"\\\\]", "_") + " (ephemeral)");
        Instant now = Instant.now();
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new Key(pair.getPrivate(), List.of(certificate), null);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
