package app.fitsocial;

import java.net.http.HttpResponse;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A response as a client sees it: status, headers and the body, parsed as JSON on demand. */
public record ApiResponse(int status, HttpResponse<String> raw) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public JsonNode json() {
        return JSON.readTree(raw.body());
    }

    public String body() {
        return raw.body();
    }

    public Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
        return status + " " + raw.body();
    }
}
