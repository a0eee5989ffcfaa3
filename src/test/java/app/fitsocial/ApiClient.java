package app.fitsocial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the service under test: real sockets, real headers, no shortcuts. Every
 * exchange through {@link #send} is checked against the served OpenAPI document ({@link ApiContract}).
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public ApiResponse get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    public ApiResponse post(String path, @Nullable String token, @Nullable Object body) {
        return send(request(path, token).POST(bodyOf(body)));
    }

    public ApiResponse put(String path, @Nullable String token, @Nullable Object body) {
        return send(request(path, token).PUT(bodyOf(body)));
    }

    public ApiResponse patch(String path, @Nullable String token, @Nullable Object body) {
        return send(request(path, token).method("PATCH", bodyOf(body)));
    }

    public ApiResponse delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE());
    }

    /** A request builder with the base URL, JSON content type and the bearer token (if any) set. */
    public HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public ApiResponse send(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(baseUrl, sent, response);
            return new ApiResponse(response.statusCode(), response);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Sends a request and returns the body exactly as it came over the wire (never decompressed). */
    public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A body: a String is sent as it is (so tests can send broken JSON), anything else as JSON. */
    private static HttpRequest.BodyPublisher bodyOf(@Nullable Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }
}
