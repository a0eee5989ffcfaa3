package app.fitsocial.platform.web.openapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;

import app.fitsocial.platform.security.PublicEndpoints;
import app.fitsocial.platform.web.WebSettings;

/**
 * What the HTTP layer does to every operation, written into the document: the bearer token
 * where the security rules ask for one ({@link PublicEndpoints}); the problem responses each
 * operation can give (400, 401, 406, 429 and 503 always, since a sent token is checked even on a
 * public operation; 403 where a token is needed; 404 with a path variable, a body or a query
 * parameter naming another resource; 409, 413 and 415 on writes; 412 on reads and on writes with
 * preconditions; 422 for a reused {@code Idempotency-Key}; {@code Retry-After} on 429 and 503);
 * conditional requests ({@code If-None-Match}, {@code If-Modified-Since}, {@code If-Match},
 * {@code If-Unmodified-Since}, 304, {@code ETag}, {@code Last-Modified}); pages ({@code cursor},
 * {@code limit}, {@code Link}); sparse fields ({@code fields}); and the rate-limit headers every
 * answer carries.
 */
class HttpContract implements OpenApiCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final WebSettings.Pagination pagination;

    HttpContract(WebSettings.Pagination pagination) {
        this.pagination = pagination;
    }

    @Override
    public void customise(OpenAPI document) {
        // here, not in the base document: springdoc drops component schemas nothing referred to
        // before the customizers ran
        document.getComponents()
                .addSchemas("FieldError", new ObjectSchema()
                        .addProperty("field", new StringSchema().description("The input: a body field "
                                + "(dotted path), a query parameter or a header"))
                        .addProperty("message", new StringSchema())
                        .required(List.of("field", "message")))
                .addSchemas(ApiDocumentationConfiguration.PROBLEM, problemSchema());
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().forEach((template, path) -> path.readOperationsMap()
                .forEach((method, operation) -> describe(template, HttpMethod.valueOf(method.name()), operation)));
    }

    private void describe(String template, HttpMethod method, Operation operation) {
        Map<String, Object> facts = operation.getExtensions() == null ? Map.of() : Map.copyOf(operation.getExtensions());
        operation.setExtensions(null);
        boolean secured = !PublicEndpoints.isPublic(method, template);
        boolean read = HttpMethod.GET.equals(method);
        boolean post = HttpMethod.POST.equals(method);
        boolean preconditions = facts.containsKey(OperationFacts.PRECONDITIONS);

        if (secured) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDocumentationConfiguration.BEARER)));
        }
        if (facts.containsKey(OperationFacts.HEAVY_PAGE)) {
            boolean heavy = Boolean.TRUE.equals(facts.get(OperationFacts.HEAVY_PAGE));
            parameter(operation, new QueryParameter().name("cursor").description("The nextCursor of the previous page "
                    + "(opaque; only cursors the service issued are accepted)").schema(new StringSchema()));
            parameter(operation, new QueryParameter().name("limit").description("Items per page").schema(new IntegerSchema()
                    .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(pagination.maxLimit()))
                    ._default(heavy ? pagination.heavyDefaultLimit() : pagination.defaultLimit())));
        }
        if (read) {
            parameter(operation, new QueryParameter().name("fields").description("Comma-separated names of the fields "
                    + "to return (of each item, for a page); an unknown name is a 400").schema(new StringSchema()));
            parameter(operation, header("If-None-Match", "ETags the client holds, comma-separated: 304 when the representation still has one"));
            parameter(operation, header("If-Modified-Since", "304 when the data has not changed since (HTTP date)"));
        }
        if (preconditions || read) {
            parameter(operation, header("If-Match", "Apply only if the resource still has one of these ETags (comma-separated), else 412"));
            parameter(operation, header("If-Unmodified-Since", "Apply only if unchanged since (HTTP date), else 412"));
            if (HttpMethod.PATCH.equals(method) || HttpMethod.PUT.equals(method)) {
                parameter(operation, header("If-None-Match", "* : apply only if the resource does not exist yet, else 412"));
            }
        }
        if (post) {
            parameter(operation, header("Idempotency-Key", "Makes retries of this POST safe: the first answer is "
                    + "stored for 24 hours and replayed for the same key and body (1-255 visible ASCII characters)"));
        }

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.keySet().removeIf(code -> !code.startsWith("2"));
        responses.forEach((code, response) -> {
            headers(response, "RateLimit", "RateLimit-Policy");
            if (read && "200".equals(code)) {
                headers(response, "ETag", "Last-Modified");
                if (facts.containsKey(OperationFacts.PAGE)) {
                    headers(response, "Link");
                }
            }
            if ("201".equals(code)) {
                headers(response, "Location");
            }
            if (post) {
                headers(response, "Idempotent-Replayed");
            }
        });
        if (read) {
            responses.addApiResponse("304", headers(new ApiResponse().description("Not Modified: the client's copy is "
                    + "current"), "ETag", "Last-Modified", "RateLimit", "RateLimit-Policy"));
        }
        problem(responses, 400, "Invalid request: errors[] names each invalid field, parameter or header");
        // also on public operations: a token that is sent is checked, and an invalid one refused
        problem(responses, 401, "No valid access token where one is needed, an invalid or expired token sent, "
                + "or (to log in) wrong credentials");
        if (secured) {
            problem(responses, 403, "The caller may not do this");
        }
        boolean refersToOthers = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "query".equals(p.getIn()) && p.getName().endsWith("Id"));
        if (template.contains("{") || operation.getRequestBody() != null || refersToOthers) {
            problem(responses, 404, "No such resource (or one the body refers to), or not visible to the caller");
        }
        problem(responses, 406, "The Accept header admits no application/json");
        if (!read) {
            problem(responses, 409, "Conflicts with the resource's state (or an Idempotency-Key still in progress)");
        }
        if (preconditions || read) {
            problem(responses, 412, "A precondition (If-Match, If-Unmodified-Since, If-None-Match) failed");
        }
        if (!read) {
            // any request that sends a body is checked, whether the operation reads one or not
            problem(responses, 413, "The body is over the limit (1 MiB by default)");
            problem(responses, 415, "The body is not application/json (UTF-8)");
        }
        if (post) {
            problem(responses, 422, "The Idempotency-Key was used with another request");
        }
        headers(problem(responses, 429, "A rate limit refused the request"), "Retry-After", "RateLimit", "RateLimit-Policy");
        headers(problem(responses, 503, "A data store is unavailable; try again"), "Retry-After");
        operation.setResponses(responses);
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("A problem detail (RFC 9457)")
                .addProperty("type", new StringSchema().format("uri")
                        .description("Identifies the kind of problem: https://fitsocial.app/problems/{kind}"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("limit", new StringSchema().description("For a 429: the name of the rule that refused "
                        + "the request, as in RateLimit-Policy"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("Each invalid input, for validation problems"))
                .required(List.of("type", "title", "status"));
    }

    private static void parameter(Operation operation, Parameter parameter) {
        if (operation.getParameters() == null || operation.getParameters().stream()
                .noneMatch(p -> p.getName().equalsIgnoreCase(parameter.getName()) && p.getIn().equals(parameter.getIn()))) {
            operation.addParametersItem(parameter.required(false));
        }
    }

    private static Parameter header(String name, String description) {
        return new HeaderParameter().name(name).description(description).schema(new StringSchema());
    }

    private static ApiResponse headers(ApiResponse response, String... names) {
        for (String name : names) {
            response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name));
        }
        return response;
    }

    /**
     * A problem response. Written {@code application/problem+json}; also listed under
     * {@code application/json}, so that a generated client of an operation without a JSON body
     * (a 204) still sends an {@code Accept} that admits JSON, which the API requires of every
     * request before it runs anything (docs/http.md).
     */
    private static ApiResponse problem(ApiResponses responses, int status, String description) {
        Schema<?> problem = new Schema<>().$ref("#/components/schemas/" + ApiDocumentationConfiguration.PROBLEM);
        ApiResponse response = new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(problem))
                .addMediaType("application/json", new MediaType().schema(problem)));
        responses.addApiResponse(Integer.toString(status), response);
        return response;
    }
}
