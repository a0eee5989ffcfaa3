package app.fitsocial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract test: every exchange an integration test makes through {@link ApiClient} is
 * checked against the OpenAPI document the service under test serves ({@code /v3/api-docs}),
 * with Atlassian's swagger-request-validator. A response must be one the document describes for
 * its operation (status, headers, body schema, content type) whatever the request was; a request
 * the service accepted (status below 400) must be one the document allows (parameters, headers,
 * body). Requests the service refused are not checked: bad-input tests send them on purpose.
 * Calls outside the API (the actuator, the document itself), paths the document does not have
 * (404 and 405 tests) and HEAD are not checked. With {@code ?fields=} an answer holds only the
 * fields asked for, so the properties it leaves out are not reported missing. A mismatch fails
 * the test that made the call.
 */
final class ApiContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final Pattern POINTER = Pattern.compile("\\[Path '([^']*)'\\]");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> DOCUMENTED_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private ApiContract() {
    }

    static void check(String baseUrl, HttpRequest request, HttpResponse<String> response) {
        String path = request.uri().getRawPath();
        if (!path.startsWith("/api/v1/") || "/api/v1/hello".equals(path) || "HEAD".equals(request.method())
                || !DOCUMENTED_METHODS.contains(request.method())) {
            // a method no operation can have (PROPFIND, FOO, a lower-case get) is outside the document
            return;
        }
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(baseUrl, ApiContract::validatorFor);
        SimpleResponse.Builder answer = new SimpleResponse.Builder(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                answer.withHeader(name, values);
            }
        });
        Map<String, List<String>> query = queryOf(request.uri());
        Request.Method method = Request.Method.valueOf(request.method());
        ValidationReport report;
        if (response.statusCode() < 400) {
            SimpleRequest.Builder sent = new SimpleRequest.Builder(method, URLDecoder.decode(path, StandardCharsets.UTF_8));
            // several field lines of one header are one comma-separated list (RFC 9110 §5.3)
            request.headers().map().forEach((name, values) -> sent.withHeader(name, String.join(", ", values)));
            query.forEach(sent::withQueryParam);
            String body = bodyOf(request);
            if (!body.isEmpty()) {
                sent.withBody(body);
            }
            report = validator.validate(sent.build(), answer.build());
        }
        else {
            report = validator.validateResponse(URLDecoder.decode(path, StandardCharsets.UTF_8), method, answer.build());
        }
        // ?fields= answers a subset of each object, by design: the fields it left out are not missing
        boolean sparse = query.containsKey("fields");
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> !(sparse && message.getKey().equals("validation.response.body.schema.required")))
                .filter(message -> !nullWhereNullable(message, response.body()))
                .toList();
        if (!errors.isEmpty()) {
            String messages = errors.stream()
                    .map(message -> message.getKey() + ": " + message.getMessage())
                    .collect(Collectors.joining("\n  "));
            throw new AssertionError("The exchange does not match the OpenAPI document: " + request.method() + " "
                    + request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())
                    + " -> " + response.statusCode() + "\n  " + messages + "\n  body: " + abbreviated(response.body()));
        }
    }

    /**
     * A {@code null} where the document says {@code nullable: true, allOf: [$ref]}: OpenAPI 3.0's
     * way to make a reference nullable, which the validator does not honour on composed schemas.
     * The document uses {@code allOf} for nothing else ({@code RecordSchemas}); a {@code null}
     * where a plain type is expected is still reported, as a type mismatch.
     */
    private static boolean nullWhereNullable(ValidationReport.Message message, String body) {
        if (!message.getKey().equals("validation.response.body.schema.allOf")) {
            return false;
        }
        Matcher pointer = POINTER.matcher(message.getMessage());
        if (!pointer.find()) {
            return false;
        }
        try {
            return JSON.readTree(body).at(pointer.group(1)).isNull();
        }
        catch (RuntimeException notJson) {
            return false;
        }
    }

    private static OpenApiInteractionValidator validatorFor(String baseUrl) {
        try {
            HttpResponse<String> document = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                throw new AssertionError("No OpenAPI document at " + baseUrl + ": " + document.statusCode());
            }
            return OpenApiInteractionValidator.createForInlineApiSpecification(document.body())
                    .withLevelResolver(LevelResolver.create()
                            // the tests call paths and methods the API does not have, for their 404s and 405s
                            .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
                            .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.operation.notAllowed", ValidationReport.Level.IGNORE)
                            // the hostile-input tests send bodies with GETs and parameters no operation has:
                            // the service ignores both, as HTTP allows (RFC 9110 §9.3.1), and answers
                            .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
                            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, List<String>> queryOf(URI uri) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** The body a request sent: its publisher replayed into a string (publishers of a String or bytes replay). */
    private static String bodyOf(HttpRequest request) {
        return request.bodyPublisher().filter(publisher -> publisher.contentLength() != 0).map(publisher -> {
            CompletableFuture<String> body = new CompletableFuture<>();
            publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
                private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    byte[] chunk = new byte[item.remaining()];
                    item.get(chunk);
                    bytes.writeBytes(chunk);
                }

                @Override
                public void onError(Throwable failure) {
                    body.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    body.complete(bytes.toString(StandardCharsets.UTF_8));
                }
            });
            try {
                return body.get(5, TimeUnit.SECONDS);
            }
            catch (Exception unreadable) {
                throw new IllegalStateException("Cannot read back the request body", unreadable);
            }
        }).orElse("");
    }

    private static String abbreviated(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
