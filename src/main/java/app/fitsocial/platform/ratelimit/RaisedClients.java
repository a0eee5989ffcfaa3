package app.fitsocial.platform.ratelimit;

import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** Which clients get higher limits, and by what factor (1 for everyone else). */
class RaisedClients {

    private record Entry(List<IpAddressMatcher> addresses, List<long[]> userIds, int factor) {
    }

    private final List<Entry> entries;

    RaisedClients(List<RateLimitSettings.Raised> raised) {
        this.entries = raised.stream().map(r -> new Entry(
                r.addresses().stream().filter(a -> !a.isBlank()).map(a -> new IpAddressMatcher(a.trim())).toList(),
                r.userIds().stream().filter(u -> !u.isBlank()).map(RaisedClients::range).toList(),
                Math.max(1, r.factor()))).toList();
    }

    int factorFor(String address, Long userId) {
        for (Entry entry : entries) {
            for (IpAddressMatcher matcher : entry.addresses()) {
                try {
                    if (matcher.matches(address)) {
                        return entry.factor();
                    }
                }
                catch (IllegalArgumentException notAnAddress) {
                    // not an IP literal: cannot be in a range
                }
            }
            if (userId != null) {
                for (long[] range : entry.userIds()) {
                    if (userId >= range[0] && userId <= range[1]) {
                        return entry.factor();
                    }
                }
            }
        }
        return 1;
    }

    private static long[] range(String text) {
        String[] bounds = text.trim().split("-", 2);
        long from = Long.parseLong(bounds[0].trim());
        long to = bounds.length == 2 ? Long.parseLong(bounds[1].trim()) : from;
        return new long[] {from, to};
    }
}
