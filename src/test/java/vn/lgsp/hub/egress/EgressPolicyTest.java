package vn.lgsp.hub.egress;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EgressPolicyTest {

    private static final int HUB_PORT = 8080;

    private static EgressPolicy policy(List<String> allowed, List<String> denied, boolean allowLoopback) throws Exception {
        return new EgressPolicy(allowed, denied, allowLoopback, Set.of(InetAddress.getByName("10.1.2.3")), port -> port == HUB_PORT);
    }

    private static boolean refused(EgressPolicy policy, String host, String address, int port) throws Exception {
        return policy.refusalOf(host, InetAddress.getByName(address), port).isPresent();
    }

    @Test
    void byDefaultRefusesWhatNoOwnerMayReachAndAllowsTheProvincesNetworks() throws Exception {
        EgressPolicy policy = policy(List.of(), List.of(), false);
        for (String address : List.of("169.254.169.254", "fe80::1", "0.0.0.0", "::", "0.1.2.3", "224.0.0.1", "ff02::1",
                "255.255.255.255", "127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "::ffff:169.254.169.254", "::169.254.169.254",
                "64:ff9b::a9fe:a9fe", "::127.0.0.1")) {
            assertTrue(refused(policy, "provider.example", address, 443), address);
        }
        for (String address : List.of("10.20.30.40", "192.168.1.10", "172.16.0.5", "203.0.113.7", "2001:db8::5")) {
            assertFalse(refused(policy, "provider.example", address, 443), address);
        }
    }

    @Test
    void allowLoopbackLiftsLoopbackAndOwnAddressesButNeverTheHubsOwnPort() throws Exception {
        EgressPolicy policy = policy(List.of(), List.of(), true);
        assertFalse(refused(policy, "localhost", "127.0.0.1", 9000));
        assertFalse(refused(policy, "10.1.2.3", "10.1.2.3", 9000));
        assertTrue(refused(policy, "localhost", "127.0.0.1", HUB_PORT));
        assertTrue(refused(policy, "10.1.2.3", "10.1.2.3", HUB_PORT));
        assertTrue(refused(policy, "x", "169.254.169.254", 80), "link-local stays refused");
        assertTrue(policy.refusalOfName("LOCALHOST.", HUB_PORT).isPresent());
        assertFalse(policy.refusalOfName("localhost", 9000).isPresent());
    }

    @Test
    void operatorDenialsWinAndAnAllowListKeepsEverythingElseOut() throws Exception {
        EgressPolicy policy = policy(List.of("10.20.0.0/16", "*.tinh.gov.vn"), List.of("10.20.99.0/24", "admin.tinh.gov.vn"), false);
        assertFalse(refused(policy, "a.example", "10.20.1.1", 443));
        assertTrue(refused(policy, "a.example", "10.20.99.1", 443), "denied network inside an allowed one");
        assertTrue(refused(policy, "a.example", "10.21.0.1", 443), "outside the allow list");
        assertFalse(refused(policy, "api.tinh.gov.vn", "203.0.113.9", 443), "allowed by name");
        assertTrue(refused(policy, "admin.tinh.gov.vn", "10.20.1.1", 443), "denied by name");
        assertTrue(refused(policy, "api.tinh.gov.vn", "169.254.169.254", 443), "an allowed name still cannot resolve to metadata");
        assertTrue(policy.refusalOfName("admin.tinh.gov.vn", 443).isPresent());
        assertFalse(policy.refusalOfName("other.example", 443).isPresent(), "may resolve into an allowed network: decided at connect");
        assertTrue(policy(List.of("*.tinh.gov.vn"), List.of(), false).refusalOfName("other.example", 443).isPresent(),
                "with only names allowed, another name can never pass");
        assertTrue(policy(List.of("*.tinh.gov.vn"), List.of(), false).refusalOfName("tinh.gov.vn", 443).isPresent(),
                "a wildcard names the subdomains, not the domain itself");
        assertFalse(policy(List.of("*.tinh.gov.vn"), List.of(), false).refusalOfName("API.Tinh.Gov.Vn.", 443).isPresent(),
                "names compare case-insensitively, trailing dot or not");
    }

    @Test
    void namesThatLookLikeNumbersAreNamesNotAddresses() {
        assertTrue(IpLiterals.parse("2130706433") == null);
        assertTrue(IpLiterals.parse("0177.0.0.1") == null);
        assertTrue(IpLiterals.parse("127.1") == null);
        assertTrue(IpLiterals.parse("[::1]") != null);
    }

    @Test
    void badEntriesFailTheStart() {
        assertThrows(IllegalArgumentException.class, () -> EgressRule.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> EgressRule.parse("not a host"));
        assertThrows(IllegalArgumentException.class, () -> EgressRule.parse("host/8"));
    }
}
