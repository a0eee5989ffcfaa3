package app.fitsocial.platform.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The unit in which client addresses are handed out, which per-address limits are keyed by, so a
 * client cannot escape a limit by moving to another address it ordinarily controls:
 * <ul>
 * <li>an IPv4 address alone (a subscriber gets one, or shares one behind carrier NAT);</li>
 * <li>an IPv6 address's {@code /64}: the smallest network a subscriber is given, inside which it
 * picks addresses freely (privacy extensions change them every few hours);</li>
 * <li>IPv4 carried in IPv6 counts as that IPv4 address: IPv4-mapped {@code ::ffff:a.b.c.d},
 * NAT64 {@code 64:ff9b::a.b.c.d}, and 6to4 {@code 2002:aabb:ccdd::/48}, whose whole
 * {@code /48} belongs to the holder of that IPv4 address.</li>
 * </ul>
 * Anything that is not an address literal (a trusted proxy may write {@code unknown}) is its own key.
 */
final class AddressAllocation {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private AddressAllocation() {
    }

    /** The allocation of an address, as a bucket key: {@code 203.0.113.7} or {@code 2001:db8:1:2::/64}. */
    static String of(String address) {
        InetAddress parsed = parse(address);
        if (parsed instanceof Inet4Address v4) {
            return v4.getHostAddress();
        }
        if (parsed instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isNat64(bytes)) {
                return ipv4(bytes, 12);
            }
            if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
                return ipv4(bytes, 2);
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address;
    }

    /** An address literal, without ever asking DNS; null for anything else. */
    private static InetAddress parse(String address) {
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        int zone = literal.indexOf('%');
        if (zone > 0) {
            literal = literal.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(literal).matches();
        if (v4 && java.util.Arrays.stream(literal.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return null;
        }
        if (!v4 && !(literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches())) {
            return null;
        }
        try {
            // a literal: getByName does not resolve it (an IPv4-mapped IPv6 literal comes back as IPv4)
            return InetAddress.getByName(literal);
        }
        catch (UnknownHostException | SecurityException notAnAddress) {
            return null;
        }
    }

    private static boolean isNat64(byte[] bytes) {
        byte[] prefix = { 0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ipv4(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) + "." + (bytes[offset + 1] & 0xff) + "." + (bytes[offset + 2] & 0xff) + "."
                + (bytes[offset + 3] & 0xff);
    }
}
