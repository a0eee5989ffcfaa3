package app.fitsocial.platform.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.modulith.NamedInterface;

/**
 * The address of the client behind a request: the socket's peer, unless that peer is a trusted
 * proxy ({@code fitsocial.web.trusted-proxies}), in which case the nearest address in
 * {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For} that is not itself a trusted proxy. A
 * client cannot change its address by sending these headers itself: from an untrusted peer they
 * are ignored. The same trust decides whose {@code Forwarded} scheme and host the service's links
 * follow ({@link ForwardedOriginFilter}).
 */
@NamedInterface("web")
public class ClientAddresses {

    private final List<IpAddressMatcher> trusted;

    public ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().filter(p -> !p.isBlank()).map(p -> new IpAddressMatcher(p.trim())).toList();
    }

    /** The client's address, as text (an IP address literal, or what a trusted proxy wrote). */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> chain = forwardedChain(request);
        Collections.reverse(chain);
        for (String hop : chain) {
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return chain.isEmpty() ? peer : chain.get(chain.size() - 1);
    }

    /** Whether the address is one of the trusted proxies. */
    public boolean isTrusted(String address) {
        for (IpAddressMatcher matcher : trusted) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            }
            catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    /** The addresses the proxies reported, client first. */
    private static List<String> forwardedChain(HttpServletRequest request) {
        List<String> chain = new ArrayList<>();
        String forwarded = request.getHeader("Forwarded");
        if (forwarded != null) {
            for (String element : forwarded.split(",")) {
                for (String pair : element.split(";")) {
                    String[] parts = pair.trim().split("=", 2);
                    if (parts.length == 2 && parts[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
                        chain.add(clean(parts[1]));
                    }
                }
            }
            return chain;
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor != null) {
            for (String hop : forwardedFor.split(",")) {
                if (!hop.isBlank()) {
                    chain.add(clean(hop));
                }
            }
        }
        return chain;
    }

    private static String clean(String hop) {
        String address = hop.trim().replace("\"", "");
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.indexOf(':');
        if (colon > 0 && address.indexOf(':', colon + 1) < 0) {
            return address.substring(0, colon);
        }
        return address;
    }
}
