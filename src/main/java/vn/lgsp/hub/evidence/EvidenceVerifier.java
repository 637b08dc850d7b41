package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks an {@link EvidenceBundle} with nothing but the bundle (and, if given, the certificates
 * the auditor trusts): the record is the one the bundle names, it links through the chain to the
 * checkpoint's head, the checkpoint's signature verifies with the certificate it carries, that
 * certificate was valid when the checkpoint was made (and leads to a trusted one), and the time
 * stamp, if any, covers that signature. Each part is reported on its own, so a failure says
 * which part is wrong. Pure Java: the hub need not run.
 */
public final class EvidenceVerifier {

    /** One part of the verification. */
    public record Check(String part, boolean passed, String detail) {
    }

    /** All parts; valid only when every part passed. */
    public record Verdict(List<Check> checks) {
        public boolean valid() {
            return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
        }

        public Check part(String name) {
            return checks.stream().filter(c -> c.part().equals(name)).findFirst().orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<X509Certificate> trusted;

    /** @param trusted certificates the signer's chain must lead to; empty: trust is not checked */
    public EvidenceVerifier(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public Verdict verify(EvidenceBundle bundle) {
        List<Check> checks = new ArrayList<>();
        if (!EvidenceBundle.FORMAT.equals(bundle.format())) {
            checks.add(new Check("format", false, "not an evidence bundle of format " + EvidenceBundle.FORMAT + ": " + bundle.format()));
            return new Verdict(checks);
        }
        JsonNode body;
        try {
            body = JSON.readTree(bundle.checkpoint().body());
        } catch (Exception e) {
            checks.add(new Check("checkpoint", false, "the checkpoint body is not JSON"));
            return new Verdict(checks);
        }
        checks.add(record(bundle));
        checks.add(chain(bundle, body));
        List<X509Certificate> certificates;
        try {
            certificates = certificates(bundle.checkpoint().certificates());
        } catch (Exception e) {
            checks.add(new Check("signature", false, "the certificates cannot be read: " + e.getMessage()));
            return new Verdict(checks);
        }
        byte[] signature = Base64.getDecoder().decode(bundle.checkpoint().signature());
        checks.add(signature(bundle, certificates, signature));
        Instant signedAt = Instant.parse(body.path("createdAt").asText());
        checks.add(certificate(certificates, signedAt));
        checks.add(trust(certificates, signedAt));
        checks.add(timeStamp(bundle.checkpoint().timeStamp(), signature));
        return new Verdict(checks);
    }

    private static Check record(EvidenceBundle bundle) {
        try {
            JsonNode record = JSON.readTree(bundle.record());
            String id = record.path("transaction").path("transactionId").asText();
            if (record.path("format").asInt() != MessageRecord.FORMAT || record.path("seq").asLong() != bundle.seq()
                    || !record.path("instance").asText().equals(bundle.instance()) || !id.equals(bundle.transactionId())) {
                return new Check("record", false, "the record is not transaction " + bundle.transactionId() + " at " + bundle.instance()
                        + " #" + bundle.seq() + " (it says " + id + " at " + record.path("instance").asText() + " #" + record.path("seq").asLong() + ")");
            }
            return new Check("record", true, "transaction " + id + ", record #" + bundle.seq() + " of " + bundle.instance());
        } catch (Exception e) {
            return new Check("record", false, "the record is not JSON");
        }
    }

    private static Check chain(EvidenceBundle bundle, JsonNode body) {
        HexFormat hex = HexFormat.of();
        long lastSeq = body.path("lastSeq").asLong();
        if (!body.path("instance").asText().equals(bundle.instance()) || body.path("firstSeq").asLong() > bundle.seq() || lastSeq < bundle.seq()) {
            return new Check("chain", false, "the checkpoint (" + body.path("instance").asText() + " #" + body.path("firstSeq").asLong()
                    + "-" + lastSeq + ") does not cover record #" + bundle.seq());
        }
        if (bundle.seq() + bundle.followingRecordSha256().size() != lastSeq) {
            return new Check("chain", false, "the chain has " + bundle.followingRecordSha256().size() + " links after record #" + bundle.seq()
                    + " but the checkpoint ends at #" + lastSeq + ": records are missing");
        }
        try {
            byte[] link = HashChain.link(hex.parseHex(bundle.previousChainSha256()), HashChain.recordDigest(bundle.record()));
            for (String digest : bundle.followingRecordSha256()) {
                link = HashChain.link(link, hex.parseHex(digest));
            }
            if (!MessageDigest.isEqual(link, hex.parseHex(body.path("headSha256").asText()))) {
                return new Check("chain", false, "the record and the links after it do not hash to the signed head: the record or a link was altered");
            }
        } catch (IllegalArgumentException e) {
            return new Check("chain", false, "a digest is not hexadecimal");
        }
        return new Check("chain", true, (lastSeq - bundle.seq()) + " links to the head signed at #" + lastSeq);
    }

    private static Check signature(EvidenceBundle bundle, List<X509Certificate> certificates, byte[] signature) {
        try {
            if (!signs(bundle.checkpoint().signatureAlgorithm(), certificates.get(0), bundle.checkpoint().body(), signature)) {
                return new Check("signature", false, "the checkpoint's signature does not verify with the certificate it names");
            }
            return new Check("signature", true, bundle.checkpoint().signatureAlgorithm() + " by "
                    + certificates.get(0).getSubjectX500Principal().getName() + " (certificate SHA-256 " + fingerprint(certificates.get(0)) + ")");
        } catch (Exception e) {
            return new Check("signature", false, "the signature cannot be checked: " + e.getMessage());
        }
    }

    private static Check certificate(List<X509Certificate> certificates, Instant signedAt) {
        X509Certificate signer = certificates.get(0);
        try {
            signer.checkValidity(Date.from(signedAt));
            return new Check("certificate", true, "valid on " + signedAt + " (" + signer.getNotBefore().toInstant() + " to "
                    + signer.getNotAfter().toInstant() + ")");
        } catch (Exception e) {
            return new Check("certificate", false, "the signer's certificate was not valid when the checkpoint was made (" + signedAt + ")");
        }
    }

    private Check trust(List<X509Certificate> certificates, Instant signedAt) {
        if (trusted.isEmpty()) {
            return new Check("trust", true, "not checked: no trusted certificate given (--trust)");
        }
        X509Certificate current = certificates.get(0);
        for (int depth = 0; depth <= certificates.size(); depth++) {
            for (X509Certificate anchor : trusted) {
                if (anchor.equals(current) || issuedBy(current, anchor)) {
                    return new Check("trust", true, "leads to " + anchor.getSubjectX500Principal().getName());
                }
            }
            if (depth + 1 >= certificates.size() || !issuedBy(current, certificates.get(depth + 1))) {
                break;
            }
            current = certificates.get(depth + 1);
            try {
                current.checkValidity(Date.from(signedAt));
            } catch (Exception e) {
                return new Check("trust", false, "an issuer's certificate was not valid when the checkpoint was made");
            }
        }
        return new Check("trust", false, "the signer's certificate does not lead to a trusted certificate");
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Check timeStamp(String encoded, byte[] signature) {
        if (encoded == null) {
            return new Check("time stamp", true, "none (no time-stamp authority was configured)");
        }
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(encoded)));
            if (!TSPAlgorithms.SHA256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())
                    || !MessageDigest.isEqual(token.getTimeStampInfo().getMessageImprintDigest(), HashChain.sha256(signature))) {
                return new Check("time stamp", false, "the time stamp is not over this checkpoint's signature");
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> authority = token.getCertificates().getMatches((Selector<X509CertificateHolder>) token.getSID());
            if (authority.isEmpty()) {
                return new Check("time stamp", false, "the time stamp does not carry its authority's certificate");
            }
            X509CertificateHolder tsa = authority.iterator().next();
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
            return new Check("time stamp", true, "made " + token.getTimeStampInfo().getGenTime().toInstant() + " by " + tsa.getSubject());
        } catch (Exception e) {
            return new Check("time stamp", false, "the time stamp does not verify: " + e.getMessage());
        }
    }

    /** Whether {@code signature} is {@code signer}'s signature of the checkpoint {@code body}: the one check the verifier and the database check share. */
    static boolean signs(String algorithm, X509Certificate signer, String body, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(signer.getPublicKey());
        verifier.update(body.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(signature);
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    static List<X509Certificate> certificates(List<String> encoded) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String certificate : encoded) {
            certificates.add(certificate(Base64.getDecoder().decode(certificate)));
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        return certificates;
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(HashChain.sha256(certificate.getEncoded()));
    }
}
