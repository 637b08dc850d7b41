package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.TestKeys;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline verifier names the part that fails. */
class EvidenceVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private final TestKeys.Issued signer = TestKeys.issue("hub-unit", false);

    @Test
    void anIntactBundleIsValidAndEachPartSaysWhy() throws Exception {
        EvidenceVerifier.Verdict verdict = new EvidenceVerifier(List.of(TestKeys.ca().certificate())).verify(bundle(2, 5));
        assertTrue(verdict.valid(), verdict.toString());
        assertEquals(List.of("record", "chain", "signature", "certificate", "trust", "time stamp"),
                verdict.checks().stream().map(EvidenceVerifier.Check::part).toList());
        assertEquals("3 links to the head signed at #5", verdict.part("chain").detail());
    }

    @Test
    void anAlteredRecordBreaksTheChainNotTheSignature() throws Exception {
        EvidenceBundle intact = bundle(2, 5);
        EvidenceBundle altered = with(intact, intact.record().replace("\"status\":200", "\"status\":500"), intact.followingRecordSha256());
        EvidenceVerifier.Verdict verdict = new EvidenceVerifier(List.of()).verify(altered);
        assertFalse(verdict.valid());
        assertFalse(verdict.part("chain").passed());
        assertTrue(verdict.part("signature").passed());
    }

    @Test
    void aRemovedLinkIsReportedAsMissing() throws Exception {
        EvidenceBundle intact = bundle(2, 5);
        EvidenceBundle shorter = with(intact, intact.record(), intact.followingRecordSha256().subList(1, 3));
        EvidenceVerifier.Check chain = new EvidenceVerifier(List.of()).verify(shorter).part("chain");
        assertFalse(chain.passed());
        assertTrue(chain.detail().contains("records are missing"), chain.detail());
    }

    @Test
    void aRecordPassedOffAsAnotherTransactionIsRefused() throws Exception {
        EvidenceBundle intact = bundle(2, 5);
        EvidenceBundle other = new EvidenceBundle(intact.format(), "someone-else", intact.instance(), intact.seq(), intact.record(),
                intact.previousChainSha256(), intact.followingRecordSha256(), intact.checkpoint());
        assertFalse(new EvidenceVerifier(List.of()).verify(other).part("record").passed());
    }

    @Test
    void aForgedSignatureAndAStrangeAuthorityAreRefused() throws Exception {
        EvidenceBundle intact = bundle(1, 1);
        byte[] signature = Base64.getDecoder().decode(intact.checkpoint().signature());
        signature[signature.length / 2] ^= 1;
        EvidenceBundle forged = new EvidenceBundle(intact.format(), intact.transactionId(), intact.instance(), intact.seq(), intact.record(),
                intact.previousChainSha256(), intact.followingRecordSha256(), new EvidenceBundle.Checkpoint(intact.checkpoint().body(),
                intact.checkpoint().signatureAlgorithm(), Base64.getEncoder().encodeToString(signature), intact.checkpoint().certificates(), null));
        assertFalse(new EvidenceVerifier(List.of()).verify(forged).part("signature").passed());

        TestKeys.Issued stranger = TestKeys.issue("not an authority", false);
        assertFalse(new EvidenceVerifier(List.of(stranger.certificate())).verify(intact).part("trust").passed());
    }

    /** Records 1..{@code last} of instance "hub-a", a checkpoint over them signed by {@link #signer}, the bundle of {@code seq}. */
    private EvidenceBundle bundle(long seq, long last) throws Exception {
        List<String> records = new ArrayList<>();
        List<byte[]> chain = new ArrayList<>();
        byte[] link = HashChain.GENESIS;
        for (long n = 1; n <= last; n++) {
            LoggedTransaction t = new LoggedTransaction("tx-" + n, null, "2026-12-04T10:00:00Z", "2026-12-04T10:00:01Z", "sharing",
                    "C01", "P01", "records", "1", "/records/{id}", "GET", null, 200, null, true, 0, 11,
                    null, MessageLogStage.EMPTY_SHA256, null, MessageLogStage.EMPTY_SHA256);
            String text = JSON.writeValueAsString(new MessageRecord(MessageRecord.FORMAT, "hub-a", n, t));
            records.add(text);
            link = HashChain.link(link, HashChain.recordDigest(text));
            chain.add(link);
        }
        String body = JSON.writeValueAsString(new CheckpointBody(CheckpointBody.FORMAT, "hub-a", 1, last, HEX.formatHex(link), null,
                java.time.Instant.now().toString()));
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer.keys().getPrivate());
        signature.update(body.getBytes(StandardCharsets.UTF_8));
        List<String> following = new ArrayList<>();
        for (long n = seq + 1; n <= last; n++) {
            following.add(HEX.formatHex(HashChain.recordDigest(records.get((int) n - 1))));
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return new EvidenceBundle(EvidenceBundle.FORMAT, "tx-" + seq, "hub-a", seq, records.get((int) seq - 1),
                HEX.formatHex(seq == 1 ? HashChain.GENESIS : chain.get((int) seq - 2)), following,
                new EvidenceBundle.Checkpoint(body, "SHA256withECDSA", base64.encodeToString(signature.sign()),
                        List.of(base64.encodeToString(signer.certificate().getEncoded()), base64.encodeToString(TestKeys.ca().certificate().getEncoded())),
                        null));
    }

    private static EvidenceBundle with(EvidenceBundle b, String record, List<String> following) {
        return new EvidenceBundle(b.format(), b.transactionId(), b.instance(), b.seq(), record, b.previousChainSha256(), following, b.checkpoint());
    }
}
