package vn.lgsp.hub.egress;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/** One entry of an egress list: a network (address and prefix length) or a host name pattern. */
record EgressRule(String text, byte[] network, int prefix, String host, boolean wildcard) {

    private static final Pattern HOST = Pattern.compile("^(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");

    /** Parses {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}, {@code api.example.vn} or {@code *.example.vn}. */
    static EgressRule parse(String entry) {
        String text = entry.trim().toLowerCase(Locale.ROOT);
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] address = IpLiterals.parse(addressPart);
        if (address != null) {
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("lgsp.egress entry '" + entry + "': prefix length must be 0.." + bits);
            }
            return new EgressRule(text, address, prefix, null, false);
        }
        if (slash >= 0 || !HOST.matcher(text).matches()) {
            throw new IllegalArgumentException("lgsp.egress entry '" + entry + "' is neither a network nor a host name");
        }
        boolean wildcard = text.startsWith("*.");
        return new EgressRule(text, null, 0, wildcard ? text.substring(1) : text, wildcard);
    }

    boolean isNetwork() {
        return network != null;
    }

    boolean matches(InetAddress address) {
        if (network == null) {
            return false;
        }
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    /** {@code name} is lower case, without a trailing dot. */
    boolean matches(String name) {
        if (host == null) {
            return false;
        }
        return wildcard ? name.endsWith(host) && name.length() > host.length() : name.equals(host);
    }
}
