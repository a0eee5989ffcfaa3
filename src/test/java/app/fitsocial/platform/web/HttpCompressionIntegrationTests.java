package app.fitsocial.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compression as a client sees it on the wire (the test client never decompresses): gzip only
 * above 1 KiB and only when accepted, for JSON and problem details alike, with a correct Vary.
 */
class HttpCompressionIntegrationTests extends IntegrationTestSupport {

    @Test
    void compressesABodyOfOneByteOverOneKibibyteButNotOneOfExactlyOneKibibyte() {
        TestUser user = newUser();
        List<String> interests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            interests.add(("interest-" + i + "-").repeat(4).substring(0, 40));
        }
        setBio(user, "a", interests);
        int base = identity("/api/v1/users/me", user.token()).body().length;
        int bioFor1024 = 1 + (1024 - base);
        assertThat(bioFor1024).isBetween(1, 500);

        setBio(user, "b".repeat(bioFor1024), interests);
        HttpResponse<byte[]> exactly = gzipAccepted("/api/v1/users/me", user.token());
        assertThat(exactly.body()).hasSize(1024);
        assertThat(exactly.headers().firstValue("Content-Encoding")).isEmpty();

        setBio(user, "c".repeat(bioFor1024 + 1), interests);
        HttpResponse<byte[]> over = gzipAccepted("/api/v1/users/me", user.token());
        assertThat(over.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(over.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).containsIgnoringCase("accept-encoding"));
        byte[] plain = gunzip(over.body());
        assertThat(plain).hasSize(1025);
        assertThat(over.body().length).isLessThan(plain.length);
        assertThat(plain).isEqualTo(identity("/api/v1/users/me", user.token()).body());
    }

    @Test
    void neverCompressesForAClientThatDoesNotAcceptGzip() {
        String city = unique("Gzipton");
        long provider = newProvider(null, city);
        for (int i = 0; i < 20; i++) {
            newClass(provider, inDays(3 + i), 10, "YOGA", city);
        }
        HttpResponse<byte[]> plain = identity("/api/v1/classes?limit=20&city=" + city, null);
        assertThat(plain.body().length).isGreaterThan(4096);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();

        HttpResponse<byte[]> compressed = gzipAccepted("/api/v1/classes?limit=20&city=" + city, null);
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.body().length).isLessThan(plain.body().length / 3);
        assertThat(gunzip(compressed.body())).isEqualTo(plain.body());
    }

    @Test
    void compressesLargeProblemDetailsButNotSmallOnes() {
        TestUser user = newUser();
        List<String> tooLong = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tooLong.add("y".repeat(41));
        }
        String body = tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(Map.of("interests", tooLong, "bio", "z".repeat(501)));
        var large = api().sendForBytes(api().request("/api/v1/users/me", user.token())
                .header("Accept-Encoding", "gzip")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(large.statusCode()).isEqualTo(400);
        assertThat(large.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(large.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(large.body()).length).isGreaterThan(1024);

        var small = api().sendForBytes(api().request("/api/v1/users/0", user.token()).header("Accept-Encoding", "gzip"));
        assertThat(small.statusCode()).isEqualTo(404);
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(small.body().length).isLessThanOrEqualTo(1024);
    }

    /**
     * Requests refused before any handler ran (a path with an empty segment, which the firewall
     * rejects; a query with a malformed escape, which Tomcat rejects; no handler at all) answer
     * small problems: never compressed, always with a Content-Length, never chunked.
     */
    @Test
    void smallProblemsOfRefusedRequestsAreNeitherCompressedNorChunked() throws IOException {
        Map<String, Integer> refused = new java.util.LinkedHashMap<>();
        refused.put("/api/v1//classes", 400); // Spring Security's firewall
        refused.put("/api/v1/classes?city=%ZZ", 400); // Tomcat cannot decode the query
        refused.put("/api/v1/no-such-thing", 401); // anonymous: an unknown path needs a token like any other
        refused.put("/api/v1/classes/%ZZ", 400); // Tomcat refuses the path itself (its error report valve)
        for (var entry : refused.entrySet()) {
            String target = entry.getKey();
            RawResponse response = raw(target);
            assertThat(response.status()).as(target).isEqualTo(entry.getValue());
            assertThat(response.header("content-type")).as(target).startsWith("application/problem+json");
            assertThat(response.header("content-encoding")).as(target).isNull();
            assertThat(response.header("transfer-encoding")).as(target).isNull();
            assertThat(response.header("content-length")).as(target).isNotNull();
            assertThat(Integer.parseInt(response.header("content-length"))).as(target)
                    .isEqualTo(response.body().length).isLessThanOrEqualTo(1024);
        }
    }

    /** An answer read off the socket, headers lower-cased. */
    private record RawResponse(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    /** Sends a request line the Java HTTP client would refuse to send, with gzip accepted. */
    private RawResponse raw(String target) throws IOException {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private void setBio(TestUser user, String bio, List<String> interests) {
        var response = api().patch("/api/v1/users/me", user.token(), Map.of("bio", bio, "interests", interests));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private HttpResponse<byte[]> identity(String path, String token) {
        HttpResponse<byte[]> response = api().sendForBytes(api().request(path, token));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private HttpResponse<byte[]> gzipAccepted(String path, String token) {
        HttpResponse<byte[]> response = api().sendForBytes(api().request(path, token).header("Accept-Encoding", "gzip"));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    static byte[] gunzip(byte[] compressed) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
