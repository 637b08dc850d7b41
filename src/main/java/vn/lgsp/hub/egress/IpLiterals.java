package vn.lgsp.hub.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Recognises IP address literals strictly, without ever asking DNS: dotted-quad IPv4 in decimal
 * and IPv6 (bracketed or not). Anything else (octal {@code 0177.0.0.1}, a bare integer
 * {@code 2130706433}) is a name, and names are judged by what they resolve to at connect time.
 */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");

    private IpLiterals() {
    }

    /** The address bytes of a literal, or null when {@code text} is not one. */
    static byte[] parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(bare).matches();
        if (!v4 && !(bare.indexOf(':') >= 0 && IPV6.matcher(bare).matches())) {
            return null;
        }
        try {
            // A literal: InetAddress parses it without a lookup.
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
