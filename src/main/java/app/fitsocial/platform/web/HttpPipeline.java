package app.fitsocial.platform.web;

import java.time.Clock;
import java.util.Arrays;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.CorsFilter;

import app.fitsocial.platform.observability.ObservabilitySettings;
import app.fitsocial.platform.observability.RequestLogValve;
import app.fitsocial.platform.observability.RequestUserAttributeFilter;
import app.fitsocial.platform.observability.SqlStatementCounter;
import app.fitsocial.platform.observability.SqlStatementCountFilter;
import app.fitsocial.platform.persistence.ReadYourWritesFilter;
import app.fitsocial.platform.persistence.ReplicaSettings;
import app.fitsocial.platform.ratelimit.RateLimitFilter;
import app.fitsocial.platform.ratelimit.RateLimitSettings;
import app.fitsocial.platform.web.conditional.ContentTagFilter;
import app.fitsocial.platform.web.idempotency.IdempotencyFilter;

/**
 * The HTTP pipeline on one page: every servlet filter and Tomcat valve of the service, in the
 * order a request meets them. Filters with a smaller order run first (their code before
 * {@code chain.doFilter} runs first, their code after it last). The chain, outermost first:
 *
 * <ol>
 * <li><b>Tomcat valves</b>, before any filter: {@link RequestLogValve} (engine; one log line per
 * request, written after the response) and {@link ProblemErrorReportValve} (host; the
 * problem-details answer for requests Tomcat itself refuses, such as a malformed request line).</li>
 * <li>{@link #REQUEST_ID} {@link RequestIdFilter}: first, so every log line of the request,
 * including the other filters', carries its id.</li>
 * <li>{@link #RESPONSE_BUFFERING} {@link ResponseBufferingFilter}: holds the body until the
 * request is done (also on error dispatches) so that it leaves with a {@code Content-Length}
 * and the filters inside can still add headers, replace it with a 304 or with a problem.</li>
 * <li>{@link #SQL_STATEMENT_COUNT} {@link SqlStatementCountFilter}: inside the buffering, so its
 * {@code X-Sql-Statements} header makes it out.</li>
 * <li>{@link #FORWARDED_ORIGIN} {@link ForwardedOriginFilter}: the client's scheme, host and
 * address behind trusted proxies, before anything writes a URL ({@code Link}, {@code Location})
 * or keys a limit by address.</li>
 * <li>{@link #CORS} {@code CorsFilter} ({@code /api/*}, {@code security.CorsConfiguration}):
 * answers every browser preflight before anything else runs (so none is counted by a limit or
 * needs a token), refuses other origins with a 403, and puts the CORS headers on every answer to
 * an allowed origin, so that a page can read even a 406 or a 429.</li>
 * <li>{@link #JSON_ONLY} {@link JsonOnlyFilter} ({@code /api/*}): 406 or 415 before anything does
 * work for a request the API cannot answer in JSON.</li>
 * <li>{@link #RATE_LIMIT} {@link RateLimitFilter} ({@code /api/v1/*}): before authentication, so
 * that 401s are counted too and carry the limit headers.</li>
 * <li>{@link #READ_YOUR_WRITES} {@link ReadYourWritesFilter} ({@code /api/v1/*}, only with read
 * replicas): sends a user who wrote recently to the primary, before any handler reads.</li>
 * <li>{@link #SECURITY} Spring Security's chain (registered by Spring Boot): the bearer token and
 * the access rules; 401 and 403 go through {@link ApiExceptionHandler}.</li>
 * <li>{@link #REQUEST_LOG_USER} {@link RequestUserAttributeFilter}: right after authentication,
 * hands the user id to the request log.</li>
 * <li>{@link #CONTENT_TAG} {@link ContentTagFilter} ({@code /api/v1/*}): after security, so an
 * anonymous client never learns a private representation's tag; tags a GET's buffered body and
 * answers 304 or 412.</li>
 * <li>{@link #REQUEST_BODY_LIMIT} {@link RequestBodyLimitFilter} ({@code /api/v1/*}): after
 * security, so that on private routes only authenticated callers can make the service read a
 * chunked body at all (on public ones, such as login, it reads at most one byte past the limit).</li>
 * <li>{@link #IDEMPOTENCY} {@link IdempotencyFilter} ({@code /api/v1/*}): innermost, next to the
 * handler, so a stored answer is replayed only to a caller the filters above let through.</li>
 * </ol>
 *
 * Filters whose construction needs their package's internals (CORS, rate limit, read-your-writes,
 * idempotency) are beans of that package's configuration; every filter is registered here.
 *
 * <p>Spring Boot's own filters sit in between (where orders tie, registration order decides, and
 * {@code HttpPipelineIntegrationTests} pins the chain as it runs): character encoding right after
 * the request id, the {@code http.server.requests} observation right inside the response
 * buffering, form content ({@code -9900}) after JSON only, and the request context ({@code -105})
 * after the rate limit. Version-tagged reads (the 304 before a controller runs) are a Spring MVC
 * interceptor, not a filter: {@code VersionTaggedReads}. {@code docs/architecture.md} walks one
 * request through the chain.
 */
@Configuration(proxyBeanMethods = false)
class HttpPipeline {

    /** Where Spring Boot registers Spring Security's filter chain; the orders below are relative to it. */
    static final int SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER;

    static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    static final int RESPONSE_BUFFERING = REQUEST_ID + 1;
    static final int SQL_STATEMENT_COUNT = REQUEST_ID + 2;
    static final int FORWARDED_ORIGIN = REQUEST_ID + 3;
    static final int CORS = REQUEST_ID + 4;
    static final int JSON_ONLY = REQUEST_ID + 5;
    static final int RATE_LIMIT = SECURITY - 10;
    static final int READ_YOUR_WRITES = SECURITY - 1;
    static final int REQUEST_LOG_USER = SECURITY + 1;
    static final int CONTENT_TAG = SECURITY + 10;
    static final int REQUEST_BODY_LIMIT = SECURITY + 15;
    static final int IDEMPOTENCY = SECURITY + 20;

    /** Every path, the error controller's included. */
    static final String ALL = "/*";
    /** Everything under {@code /api}, any version of the API. */
    static final String API = "/api/*";
    /** The versioned API: what is limited, tagged, size-checked and idempotent. */
    static final String API_V1 = "/api/v1/*";

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        return registration(new RequestIdFilter(), REQUEST_ID, ALL);
    }

    @Bean
    FilterRegistrationBean<ResponseBufferingFilter> responseBufferingFilter() {
        var registration = registration(new ResponseBufferingFilter(), RESPONSE_BUFFERING, ALL);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SqlStatementCountFilter> sqlStatementCountFilter(SqlStatementCounter counter,
            ObservabilitySettings settings) {
        return registration(new SqlStatementCountFilter(counter, settings), SQL_STATEMENT_COUNT, ALL);
    }

    @Bean
    FilterRegistrationBean<ForwardedOriginFilter> forwardedOriginFilter(ClientAddresses clients) {
        return registration(new ForwardedOriginFilter(clients), FORWARDED_ORIGIN, ALL);
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsFilter filter) {
        return registration(filter, CORS, API);
    }

    @Bean
    FilterRegistrationBean<JsonOnlyFilter> jsonOnlyFilter(ProblemWriter problems) {
        return registration(new JsonOnlyFilter(problems), JSON_ONLY, API);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = RateLimitSettings.ENABLED, matchIfMissing = true)
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterRegistration(RateLimitFilter filter) {
        return registration(filter, RATE_LIMIT, API_V1);
    }

    @Bean
    @ConditionalOnExpression(ReplicaSettings.CONFIGURED)
    FilterRegistrationBean<ReadYourWritesFilter> readYourWritesFilterRegistration(ReadYourWritesFilter filter) {
        return registration(filter, READ_YOUR_WRITES, API_V1);
    }

    @Bean
    FilterRegistrationBean<RequestUserAttributeFilter> requestUserAttributeFilter(ObservabilitySettings settings) {
        var registration = registration(new RequestUserAttributeFilter(), REQUEST_LOG_USER, ALL);
        registration.setEnabled(settings.requestLog().enabled());
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTagFilter> contentTagFilter(Clock clock, ProblemWriter problems) {
        return registration(new ContentTagFilter(clock, problems), CONTENT_TAG, API_V1);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebSettings settings, ProblemWriter problems) {
        return registration(new RequestBodyLimitFilter(settings.maxRequestBody().toBytes(), problems),
                REQUEST_BODY_LIMIT, API_V1);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilterRegistration(IdempotencyFilter filter) {
        return registration(filter, IDEMPOTENCY, API_V1);
    }

    /** The request log, unless {@code fitsocial.observability.request-log.enabled=false}. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestLogValve(ObservabilitySettings settings) {
        return factory -> {
            if (settings.requestLog().enabled()) {
                factory.addEngineValves(new RequestLogValve(settings.requestLog().exclude()));
            }
        };
    }

    /**
     * Tomcat's own error answers as problem details: replaces the host's {@code ErrorReportValve}
     * just before the context starts, when Spring Boot has put its own in.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve(ProblemWriter problems) {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemErrorReportValve.class::isInstance)) {
                    host.getPipeline().addValve(new ProblemErrorReportValve(problems));
                }
            }
        }));
    }

    private static <F extends Filter> FilterRegistrationBean<F> registration(F filter, int order, String urlPattern) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.addUrlPatterns(urlPattern);
        return registration;
    }
}
