package vn.lgsp.hub.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The operator's egress rules, decided twice: on the name when an address is saved (so an owner
 * hears at once that it will never be reached), and on the address it resolves to when the hub
 * connects (so a name that resolves elsewhere later is refused too). In order: the operator's
 * denials; addresses never reachable on an owner's behalf (unspecified, "this network",
 * multicast, broadcast, link-local, where cloud metadata services sit); loopback and the hub
 * machine's own addresses unless {@code allow-loopback}, and the hub's own ports there always;
 * then, when an allow list is set, only what it names.
 */
public final class EgressPolicy {

    private static final EgressRule THIS_NETWORK = EgressRule.parse("0.0.0.0/8");
    private static final EgressRule BROADCAST = EgressRule.parse("255.255.255.255");

    private final List<EgressRule> allowed;
    private final List<EgressRule> denied;
    private final boolean allowLoopback;
    private final Set<InetAddress> ownAddresses;
    private final IntPredicate ownPort;

    public EgressPolicy(List<String> allowed, List<String> denied, boolean allowLoopback, Set<InetAddress> ownAddresses,
                        IntPredicate ownPort) {
        this.allowed = allowed.stream().map(EgressRule::parse).toList();
        this.denied = denied.stream().map(EgressRule::parse).toList();
        this.allowLoopback = allowLoopback;
        this.ownAddresses = Set.copyOf(ownAddresses);
        this.ownPort = ownPort;
    }

    /** At save time: why {@code host}:{@code port} will never be reached, or empty if it may be (its address decides later). */
    public Optional<String> refusalOfName(String host, int port) {
        String name = normalise(host);
        byte[] literal = IpLiterals.parse(name);
        if (literal != null) {
            return refusalOf(name, IpLiterals.address(literal), port);
        }
        if (denied.stream().anyMatch(rule -> rule.matches(name))) {
            return Optional.of("the host is denied by the hub's egress policy");
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return local(port);
        }
        boolean anyAllowedNetwork = allowed.stream().anyMatch(EgressRule::isNetwork);
        if (!allowed.isEmpty() && !anyAllowedNetwork && allowed.stream().noneMatch(rule -> rule.matches(name))) {
            return Optional.of("the host is not among the hosts the hub's egress policy allows");
        }
        return Optional.empty();
    }

    /** At connect time: why the hub must not connect to {@code address} (which {@code host} resolved to), or empty. */
    public Optional<String> refusalOf(String host, InetAddress address, int port) {
        String name = normalise(host);
        InetAddress a = embeddedIpv4(address);
        if (denied.stream().anyMatch(rule -> rule.matches(a) || rule.matches(name))) {
            return Optional.of("the address is denied by the hub's egress policy");
        }
        if (a.isAnyLocalAddress() || THIS_NETWORK.matches(a) || a.isMulticastAddress() || BROADCAST.matches(a)
                || a.isLinkLocalAddress()) {
            return Optional.of("the address is unspecified, multicast, broadcast or link-local, which the hub never connects to");
        }
        if (a.isLoopbackAddress() || ownAddresses.contains(a)) {
            Optional<String> local = local(port);
            if (local.isPresent()) {
                return local;
            }
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(rule -> rule.matches(a) || rule.matches(name))) {
            return Optional.of("the address is not among the networks the hub's egress policy allows");
        }
        return Optional.empty();
    }

    private Optional<String> local(int port) {
        if (ownPort.test(port)) {
            return Optional.of("the address is the hub's own");
        }
        return allowLoopback ? Optional.empty() : Optional.of("the address is loopback or the hub's own machine");
    }

    private static String normalise(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** {@code ::a.b.c.d} (IPv4-compatible) and NAT64 {@code 64:ff9b::a.b.c.d} reach a.b.c.d: judged as such. */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean compatible = Arrays.equals(Arrays.copyOfRange(b, 0, 12), new byte[12]) && !address.isLoopbackAddress()
                && !address.isAnyLocalAddress();
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xFF) == 0xff && (b[3] & 0xFF) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        return compatible || nat64 ? IpLiterals.address(Arrays.copyOfRange(b, 12, 16)) : address;
    }
}
