package app.fitsocial.platform.web.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.hibernate.validator.constraints.CodePointLength;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.WebSettings;
import app.fitsocial.platform.web.conditional.WritePreconditions;
import app.fitsocial.platform.web.fields.FieldSelection;

/**
 * The OpenAPI document served at {@code /v3/api-docs} (OpenAPI 3.0): the API's operations as a
 * client calls them, complete enough to generate a client from and to validate traffic against.
 * <ul>
 * <li>Arguments the framework resolves are not parameters: the caller ({@link CurrentUser}),
 * {@link PageQuery} (documented as {@code cursor} and {@code limit}), {@link FieldSelection}
 * ({@code fields}), {@link WritePreconditions} ({@code If-Match}, {@code If-Unmodified-Since}),
 * and the {@link Versioned} wrapper of version-tagged answers.</li>
 * <li>{@link OperationFacts} records what each handler method says about its operation,
 * {@link HttpContract} adds what the HTTP layer does to every operation (security, problem
 * responses, conditional requests, rate-limit and idempotency headers).</li>
 * <li>{@link RecordSchemas} makes the body schemas as strict as the Java records: nullable
 * components nullable, the others required, text lengths in characters.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentationConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";

    static {
        SpringDocUtils.getConfig()
                .addResponseWrapperToIgnore(Versioned.class)
                .addRequestWrapperToIgnore(WritePreconditions.class, FieldSelection.class, CurrentUser.class, PageQuery.class);
    }

    @Bean
    OpenAPI apiDocument() {
        return new OpenAPI()
                .info(new Info().title("FitSocial API").version("1")
                        .description("""
                                The HTTP API of FitSocial: fitness classes from studios and their bookings, \
                                follows and a home feed, groups, messages, reviews, workout-partner matches \
                                and notifications. JSON in and out (UTF-8); errors are problem details \
                                (RFC 9457, application/problem+json) with errors[] naming each invalid field. \
                                Lists are pages: follow the Link rel="next" header or send nextCursor back as \
                                cursor. Reads carry an ETag (and Last-Modified where the data has a time): \
                                revalidate with If-None-Match for a 304. Every answer carries the RateLimit \
                                and RateLimit-Policy headers of the rule closest to refusing; a 429 says in \
                                Retry-After when to try again. Send Idempotency-Key on a POST to make its \
                                retries safe.""")
                        .license(new License().name("Proprietary")))
                // not the address of whoever fetched the document: clients set their own base URL
                .servers(List.of(new Server().url("http://localhost:8080")
                        .description("The development run (./mvnw spring-boot:test-run)")))
                .tags(List.of(tag("identity", "Sign-up, login, tokens and profiles"),
                        tag("classes", "Studios, their classes and bookings"),
                        tag("reviews", "Reviews of attended classes and ratings"),
                        tag("social", "Follows, posts, likes, comments and the home feed"),
                        tag("groups", "Groups and their members"),
                        tag("messaging", "Conversations and messages"),
                        tag("matching", "Workout-partner matches"),
                        tag("notifications", "Notifications")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("The access token from POST /api/v1/auth/login, "
                                        + "/register or /refresh (valid 15 minutes by default)"))
                        .headers(headers()));
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }

    private static Map<String, Header> headers() {
        return Map.of(
                "ETag", header("The representation's entity tag (weak): send it in If-None-Match to revalidate"),
                "Last-Modified", header("When the data last changed, never later than Date; send it in "
                        + "If-Modified-Since to revalidate"),
                "Link", header("RFC 8288 links; rel=\"next\" is the next page, with the request's own query"),
                "Location", header("The created resource"),
                "RateLimit", header("The closest rule's state: \"{rule}\";r={remaining};t={seconds until full}"),
                "RateLimit-Policy", header("The closest rule: \"{rule}\";q={quota};w={window in seconds}"),
                "Retry-After", new Header().description("Seconds to wait before trying again")
                        .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)),
                "Idempotent-Replayed", header("\"true\" when this is the stored answer to an earlier request "
                        + "with the same Idempotency-Key"));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    @Bean
    OperationCustomizer operationFacts() {
        return new OperationFacts();
    }

    @Bean
    OpenApiCustomizer httpContract(WebSettings settings) {
        return new HttpContract(settings.pagination());
    }

    @Bean
    RecordSchemas recordSchemas() {
        return new RecordSchemas();
    }

    /** Query parameters' lengths in characters, as their validation counts them. */
    @Bean
    ParameterCustomizer codePointLengths() {
        return (parameter, method) -> {
            CodePointLength length = method.getParameterAnnotation(CodePointLength.class);
            if (parameter != null && parameter.getSchema() != null && length != null) {
                RecordSchemas.lengths(parameter.getSchema(), length);
            }
            return parameter;
        };
    }
}
