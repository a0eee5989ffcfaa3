package app.fitsocial;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document the service serves at {@code /v3/api-docs}, read the way the generated
 * tests need it: every operation of the API, its query parameters and its JSON body's schema.
 */
public final class ApiDocument {

    /** An operation: its method, path template, query parameters and body schema (resolved). */
    public record Operation(String method, String template, List<String> queryParameters, @Nullable JsonNode bodySchema) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations;

    private ApiDocument(JsonNode document) {
        this.document = document;
        List<Operation> found = new ArrayList<>();
        for (String template : document.path("paths").propertyNames()) {
            if (!template.startsWith("/api/v1/")) {
                continue;
            }
            JsonNode path = document.path("paths").path(template);
            for (String method : path.propertyNames()) {
                JsonNode operation = path.path(method);
                List<String> query = new ArrayList<>();
                operation.path("parameters").forEach(p -> {
                    if ("query".equals(p.path("in").asString())) {
                        query.add(p.path("name").asString());
                    }
                });
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                found.add(new Operation(method.toUpperCase(), template, query, body.isMissingNode() ? null : resolve(body)));
            }
        }
        this.operations = List.copyOf(found);
    }

    /** Reads the document the service at the other end of {@code api} serves. */
    public static ApiDocument of(ApiClient api) {
        return new ApiDocument(api.get("/v3/api-docs", null).json());
    }

    public JsonNode json() {
        return document;
    }

    public List<Operation> operations() {
        return operations;
    }

    /** A schema, or the component schema its {@code $ref} names. */
    public JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
