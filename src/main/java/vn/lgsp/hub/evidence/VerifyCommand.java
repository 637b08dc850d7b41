package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar verify evidence.json [--trust ca.pem ...]}: checks a bundle
 * offline and prints each part; exit status 0 when valid, 1 when not, 2 when it cannot be read.
 */
public final class VerifyCommand {

    public static final String NAME = "verify";

    private VerifyCommand() {
    }

    public static int run(List<String> args, PrintStream out) {
        Path bundle = null;
        List<X509Certificate> trusted = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                if ("--trust".equals(args.get(i)) && i + 1 < args.size()) {
                    trusted.addAll(readCertificates(Path.of(args.get(++i))));
                } else if (bundle == null && !args.get(i).startsWith("--")) {
                    bundle = Path.of(args.get(i));
                } else {
                    return usage(out);
                }
            }
        } catch (Exception e) {
            out.println("cannot read the trusted certificates: " + e.getMessage());
            return 2;
        }
        if (bundle == null) {
            return usage(out);
        }
        EvidenceBundle evidence;
        try {
            evidence = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(bundle.toFile(), EvidenceBundle.class);
            if (evidence.checkpoint() == null || evidence.record() == null || evidence.followingRecordSha256() == null) {
                throw new IllegalArgumentException("a part is missing");
            }
        } catch (Exception e) {
            out.println(bundle + " is not an evidence bundle: " + e.getMessage());
            return 2;
        }
        EvidenceVerifier.Verdict verdict = new EvidenceVerifier(trusted).verify(evidence);
        for (EvidenceVerifier.Check check : verdict.checks()) {
            out.printf("%-4s %-12s %s%n", check.passed() ? "ok" : "FAIL", check.part(), check.detail());
        }
        out.println(verdict.valid() ? "VALID: transaction " + evidence.transactionId() + " is proven by this bundle"
                : "INVALID: the parts marked FAIL do not hold");
        return verdict.valid() ? 0 : 1;
    }

    private static int usage(PrintStream out) {
        out.println("usage: java -jar quarkus-run.jar verify EVIDENCE.json [--trust CERTIFICATES.pem ...]");
        return 2;
    }

    private static List<X509Certificate> readCertificates(Path file) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        }
        return certificates;
    }
}
