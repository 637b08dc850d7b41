package vn.lgsp.hub.compat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompatDirectoryTest {

    private static CompatProfile profile(String system, String financeCode) {
        return new CompatProfile(system, true, true, true, false, "0.0.H30", financeCode, "admin", null);
    }

    private final CompatDirectory.View view = new CompatDirectory.View(
            List.of(new CompatRepository.Loaded(profile("kho-bac", "KBNN"), "client-kho-bac"),
                    new CompatRepository.Loaded(profile("motcua", null), "client-motcua")),
            List.of(new CompatAddress("kho-bac", "thu-ngan-sach", "apiThuNS", "TNS01", "owner", null),
                    new CompatAddress("csdl-dn", "doanh-nghiep", "apiCSDLDKDN", "DN01", "owner", null)));

    @Test
    void aReceiverIsItsFinanceCodeOrElseItsSystemCode() {
        assertEquals("thu-ngan-sach", view.byTranCode("kbnn", "tns01").serviceCode());
        assertNull(view.byTranCode("KHO-BAC", "TNS01"), "a system with a finance code is addressed by it alone");
        assertEquals("doanh-nghiep", view.byTranCode("CSDL-DN", "DN01").serviceCode());
        assertNull(view.byTranCode("CSDL-DN", "TNS01"), "a transaction code belongs to its provider");
        assertNull(view.byTranCode("NOBODY", "DN01"));
    }

    @Test
    void contextsMatchCaseInsensitivelyAndProfilesDefaultToOff() {
        assertEquals("csdl-dn", view.byContext("APICSDLDKDN").providerCode());
        assertNull(view.byContext("apiKhac"));
        assertEquals("motcua", view.profileOfClient("client-motcua").systemCode());
        assertEquals("motcua", view.profileOf("motcua").senderCode());
        assertEquals("KBNN", view.profileOf("kho-bac").senderCode());
        CompatProfile none = view.profileOf("khac");
        assertFalse(none.lgspAccessToken() || none.wso2() || none.financeHeaders() || none.envelope());
    }

    @Test
    void theHubsOwnPrefixesAreNeverContexts() {
        for (String own : new String[] {"api", "Q", "console", "share", "token", "gateway", "1abc", "a.b"}) {
            assertFalse(CompatDirectory.mayBeContext(own), own);
        }
        assertTrue(CompatDirectory.mayBeContext("apiCSDLDKDN"));
    }
}
