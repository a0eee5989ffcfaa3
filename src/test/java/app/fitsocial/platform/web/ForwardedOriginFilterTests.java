package app.fitsocial.platform.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose word about the client's scheme and host the links follow. */
class ForwardedOriginFilterTests {

    private final ForwardedOriginFilter filter = new ForwardedOriginFilter(new ClientAddresses(List.of("10.0.0.0/8")));

    private HttpServletRequest seenBehind(String peer, String header, String value) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/classes");
        request.setServerName("internal.host");
        request.setServerPort(8080);
        request.setQueryString("limit=1");
        request.setRemoteAddr(peer);
        request.addHeader(header, value);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }

    @Test
    void aTrustedProxyNamesTheSchemeAndHost() throws Exception {
        HttpServletRequest seen = seenBehind("10.1.2.3", "Forwarded", "for=198.51.100.7;proto=https;host=api.example.org");
        assertThat(NextPageLinkAdvice.next(seen, "abc")).isEqualTo("https://api.example.org/api/v1/classes?limit=1&cursor=abc");
        assertThat(seen.isSecure()).isTrue();
    }

    /** A proxy that appends passes on what the client wrote first: only the proxy's own element counts. */
    @Test
    void ofAListOnlyWhatTheTrustedProxyAddedCounts() throws Exception {
        HttpServletRequest seen = seenBehind("10.1.2.3", "Forwarded",
                "proto=http;host=evil.example, for=198.51.100.7;proto=https;host=api.example.org");
        assertThat(NextPageLinkAdvice.next(seen, "abc")).isEqualTo("https://api.example.org/api/v1/classes?limit=1&cursor=abc");
        HttpServletRequest legacy = seenBehind("10.1.2.3", "X-Forwarded-Host", "evil.example, api.example.org");
        assertThat(legacy.getServerName()).isEqualTo("api.example.org");
    }

    @Test
    void anyoneElsesForwardedHeadersAreIgnored() throws Exception {
        HttpServletRequest seen = seenBehind("203.0.113.9", "Forwarded", "proto=https;host=evil.example");
        assertThat(NextPageLinkAdvice.next(seen, "abc")).isEqualTo("http://internal.host:8080/api/v1/classes?limit=1&cursor=abc");
        HttpServletRequest legacy = seenBehind("203.0.113.9", "X-Forwarded-Host", "evil.example");
        assertThat(legacy.getServerName()).isEqualTo("internal.host");
    }

    @Test
    void theCursorIsReplacedAndEveryOtherParameterKeptAsSent() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users");
        request.setServerName("localhost");
        request.setServerPort(80);
        request.setQueryString("q=Tiebreak%20Tester&cursor=old&fields=id%2CdisplayName&curs%6Fr=older&x=a+b");
        assertThat(NextPageLinkAdvice.next(request, "n3xt"))
                .isEqualTo("http://localhost/api/v1/users?q=Tiebreak%20Tester&fields=id%2CdisplayName&x=a+b&cursor=n3xt");
    }
}
