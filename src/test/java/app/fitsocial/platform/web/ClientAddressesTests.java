package app.fitsocial.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which address a request is limited by, with and without trusted proxies in front. */
class ClientAddressesTests {

    private final ClientAddresses behindProxy = new ClientAddresses(List.of("10.0.0.0/8", "::1/128"));

    private static MockHttpServletRequest from(String peer, String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/classes");
        request.setRemoteAddr(peer);
        if (header != null) {
            request.addHeader(header, value);
        }
        return request;
    }

    @Test
    void anUntrustedPeerCannotNameAnotherAddress() {
        assertThat(behindProxy.of(from("203.0.113.9", "X-Forwarded-For", "198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(behindProxy.of(from("203.0.113.9", "Forwarded", "for=198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(new ClientAddresses(List.of()).of(from("10.1.1.1", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("10.1.1.1");
    }

    @Test
    void aTrustedProxyNamesTheNearestUntrustedHop() {
        // the client may prepend anything; only what our own proxies appended counts
        assertThat(behindProxy.of(from("10.0.0.2", "X-Forwarded-For", "1.2.3.4, 198.51.100.7, 10.0.0.5")))
                .isEqualTo("198.51.100.7");
        assertThat(behindProxy.of(from("10.0.0.2", "Forwarded", "for=1.2.3.4, for=\"[2001:db8::17]:4711\"")))
                .isEqualTo("2001:db8::17");
        assertThat(behindProxy.of(from("10.0.0.2", "Forwarded", "for=198.51.100.8:8080;proto=https")))
                .isEqualTo("198.51.100.8");
        assertThat(behindProxy.of(from("10.0.0.2", null, null))).isEqualTo("10.0.0.2");
        assertThat(behindProxy.of(from("10.0.0.2", "X-Forwarded-For", "unknown"))).isEqualTo("unknown");
    }
}
