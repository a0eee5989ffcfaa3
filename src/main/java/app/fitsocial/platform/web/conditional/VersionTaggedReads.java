package app.fitsocial.platform.web.conditional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import app.fitsocial.platform.persistence.PrimaryReads;
import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.versions.Version;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.versions.Versions;

/**
 * Conditional GETs of {@link VersionTagged} handlers, in two steps around the handler.
 * <ol>
 * <li>Before it ({@link Interceptor}): the resource's version is read from Redis. A revalidation
 * that only asks "has it changed?" ({@code If-None-Match}, {@code If-Modified-Since}) and matches
 * the version is answered 304 there: no handler, no SQL.</li>
 * <li>After it ({@link Advice}): the tag is made from the version of the data the handler read
 * (never from the version read before, which may be older or newer than the data), every
 * precondition is evaluated against it, and {@code Last-Modified} is sent when the data's version
 * is the one Redis holds. A version Redis lost is recorded again from the data.</li>
 * </ol>
 */
final class VersionTaggedReads {

    private static final String PENDING = VersionTaggedReads.class.getName() + ".pending";
    private static final String PRIMARY = VersionTaggedReads.class.getName() + ".primary";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private VersionTaggedReads() {
    }

    /** The resource of a request and its version, on its way from Redis. */
    private record Pending(String resource, Versions.Reading reading) {
    }

    static final class Interceptor implements HandlerInterceptor {

        private final Versions versions;
        private final Clock clock;

        Interceptor(Versions versions, Clock clock) {
            this.versions = versions;
            this.clock = clock;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method) || !isRead(request)) {
                return true;
            }
            VersionTagged tagged = method.getMethodAnnotation(VersionTagged.class);
            if (tagged == null) {
                return true;
            }
            String resource = resourceOf(tagged.value(), request);
            Pending pending = new Pending(resource, versions.read(List.of(resource)));
            request.setAttribute(PENDING, pending);
            if (PrimaryReads.require()) {
                request.setAttribute(PRIMARY, Boolean.TRUE);
            }
            RequestConditions conditions = RequestConditions.of(request);
            if (!conditions.onlyRevalidates()) {
                return true;
            }
            Map<String, Version> found = pending.reading().await();
            Version version = found == null ? null : found.get(resource);
            if (version == null) {
                return true;
            }
            ETag etag = RepresentationTags.ofVersion(request, resource, version.number());
            CurrentRepresentation current = CurrentRepresentation.of(etag, version.lastModified(), true);
            if (Preconditions.evaluate(conditions, current, true, clock.instant()) != Preconditions.Outcome.NOT_MODIFIED) {
                return true;
            }
            Validators.write(response, etag, version.lastModified(), clock);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return false;
        }

        @Override
        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                @Nullable Exception ex) {
            if (request.getAttribute(PRIMARY) != null) {
                PrimaryReads.clear();
            }
        }
    }

    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static final class Advice implements ResponseBodyAdvice<Object> {

        private final Versions versions;
        private final Clock clock;

        Advice(Versions versions, Clock clock) {
            this.versions = versions;
            this.clock = clock;
        }

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return Versioned.class.isAssignableFrom(returnType.getParameterType());
        }

        @Override
        public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
                Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                ServerHttpResponse response) {
            if (!(body instanceof Versioned<?> versioned) || !(request instanceof ServletServerHttpRequest servlet)
                    || !(servlet.getServletRequest().getAttribute(PENDING) instanceof Pending pending)) {
                return body instanceof Versioned<?> versioned ? versioned.value() : body;
            }
            HttpServletRequest http = servlet.getServletRequest();
            Map<String, Version> found = pending.reading().await();
            Version stored = found == null ? null : found.get(pending.resource());
            if (found != null && (stored == null || stored.number() < versioned.version())) {
                // lost from Redis, or the writer's raise is on its way: the data (from the primary) says what it is
                stored = versions.record(pending.resource(), versioned.version());
            }
            boolean known = stored != null && stored.number() == versioned.version();
            ETag etag = RepresentationTags.ofVersion(http, pending.resource(), versioned.version());
            Long lastModified = known ? stored.lastModified() : null;
            Validators.write(response.getHeaders(), etag, lastModified, clock);
            var outcome = Preconditions.evaluate(RequestConditions.of(http),
                    CurrentRepresentation.of(etag, lastModified, known), true, clock.instant());
            if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
                response.setStatusCode(HttpStatus.NOT_MODIFIED);
                return null;
            }
            if (outcome == Preconditions.Outcome.PRECONDITION_FAILED) {
                throw Validators.preconditionFailed();
            }
            return versioned.value();
        }
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @SuppressWarnings("unchecked")
    static String resourceOf(String template, HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Map<String, String> path = variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder resource = new StringBuilder();
        while (placeholders.find()) {
            String name = placeholders.group(1);
            String value = "me".equals(name)
                    ? CurrentUser.authenticated().map(user -> Long.toString(user.id())).orElse("anonymous")
                    : path.getOrDefault(name, "");
            placeholders.appendReplacement(resource, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(resource);
        return resource.toString();
    }
}
