package app.fitsocial.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponents;

/**
 * Behind a trusted proxy ({@code fitsocial.web.trusted-proxies}), the scheme, host and port the
 * client used, as the proxy reports them in {@code Forwarded} (RFC 7239) or
 * {@code X-Forwarded-Proto} / {@code -Host} / {@code -Port}, become the request's own, so every
 * URL the service writes ({@code Link}, {@code Location}) points where the client can follow it.
 * From any other peer the headers are ignored: links then use the request's own {@code Host}. Of
 * a list, only the last element counts: the one the trusted proxy itself added.
 * The client's address is not changed here ({@link ClientAddresses} reads it).
 */
class ForwardedOriginFilter extends OncePerRequestFilter {

    private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-Proto", "X-Forwarded-Host",
            "X-Forwarded-Port");

    private final ClientAddresses clients;

    ForwardedOriginFilter(ClientAddresses clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasForwardedOrigin(request) || !clients.isTrusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        UriComponents origin;
        try {
            origin = ForwardedHeaderUtils.adaptFromForwardedHeaders(URI.create(request.getRequestURL().toString()),
                    nearestProxysWord(request)).build();
        }
        catch (IllegalArgumentException malformed) {
            // a proxy wrote something unusable: keep the request's own origin
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new ForwardedOrigin(request, origin), response);
    }

    /**
     * The forwarding headers as the nearest proxy (the trusted peer) wrote them: the last element
     * of each. Earlier elements come from further away, the first possibly from the client itself,
     * since a proxy that appends passes on whatever the client sent.
     */
    private static HttpHeaders nearestProxysWord(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : FORWARDING) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) {
                String joined = String.join(",", values);
                headers.set(name, joined.substring(joined.lastIndexOf(',') + 1).strip());
            }
        }
        return headers;
    }

    private static boolean hasForwardedOrigin(HttpServletRequest request) {
        return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-Proto") != null
                || request.getHeader("X-Forwarded-Host") != null || request.getHeader("X-Forwarded-Port") != null;
    }

    /** The request as the client addressed it. */
    private static final class ForwardedOrigin extends HttpServletRequestWrapper {

        private final String scheme;
        private final String host;
        private final int port;

        ForwardedOrigin(HttpServletRequest request, UriComponents origin) {
            super(request);
            this.scheme = origin.getScheme() == null ? request.getScheme() : origin.getScheme();
            this.host = origin.getHost() == null ? request.getServerName() : origin.getHost();
            this.port = origin.getPort() != -1 ? origin.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public boolean isSecure() {
            return "https".equalsIgnoreCase(scheme);
        }

        @Override
        public String getServerName() {
            return host;
        }

        @Override
        public int getServerPort() {
            return port;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(scheme).append("://").append(host);
            if (!(port == 80 && "http".equalsIgnoreCase(scheme)) && !(port == 443 && "https".equalsIgnoreCase(scheme))) {
                url.append(':').append(port);
            }
            return url.append(getRequestURI());
        }
    }
}
