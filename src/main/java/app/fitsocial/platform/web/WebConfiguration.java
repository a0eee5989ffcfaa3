package app.fitsocial.platform.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.module.SimpleModule;

/** The API's argument resolvers, its request body limit, its JSON input rules and Tomcat's own error answers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final WebSettings settings;

    WebConfiguration(WebSettings settings) {
        this.settings = settings;
    }

    /** Who the client is behind the trusted proxies ({@code fitsocial.web.trusted-proxies}). */
    @Bean
    ClientAddresses clientAddresses() {
        return new ClientAddresses(settings.trustedProxies());
    }

    @Bean
    FilterRegistrationBean<ForwardedOriginFilter> forwardedOriginFilter(ClientAddresses clients) {
        var registration = new FilterRegistrationBean<>(new ForwardedOriginFilter(clients));
        // before anything that writes a URL or looks at the scheme (links, Location, HSTS)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonOnlyFilter> jsonOnlyFilter(ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new JsonOnlyFilter(problems));
        // before anything else runs: a request the API cannot answer in JSON does nothing
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    /** JSON only: no XML, YAML, Smile or CBOR representations of anything (docs/http.md). */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.configureMessageConvertersList(list -> {
            list.removeIf(WebConfiguration::speaksAnotherFormat);
            list.replaceAll(WebConfiguration::refusingUnknownFields);
        });
    }

    /**
     * Request bodies with a field the request does not have are a 400 naming it: a misspelt
     * optional field ({@code "displayname"}) would otherwise be dropped without a word. Only for
     * HTTP bodies: the application's own JSON (cached values, stored events) stays tolerant, so a
     * field removed in a new version does not break reading what an older one wrote.
     */
    private static HttpMessageConverter<?> refusingUnknownFields(HttpMessageConverter<?> converter) {
        // the plain converter only: Spring Data's projecting one (a subclass) reads projections
        if (converter instanceof JacksonJsonHttpMessageConverter json && converter.getClass() == JacksonJsonHttpMessageConverter.class) {
            return new JacksonJsonHttpMessageConverter(json.getMapper().rebuild()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        }
        return converter;
    }

    private static boolean speaksAnotherFormat(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream().anyMatch(type -> type.getSubtype().contains("xml")
                || type.getSubtype().contains("yaml") || type.getSubtype().contains("smile")
                || type.getSubtype().contains("cbor") || type.getSubtype().contains("protobuf"));
    }

    /** Query parameters of type {@link Instant}: ISO-8601 with {@code Z} or an offset, within {@link ClientTimes}' range. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                return ClientTimes.parse(text);
            }

            @Override
            public String print(Instant time, Locale locale) {
                return time.toString();
            }
        });
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageQueryArgumentResolver(settings.pagination()));
    }

    /**
     * Request bodies keep JSON's own types: a number or a boolean where text is expected, text, a
     * fraction or a boolean where a number is, a number where an enum's name is, are each a 400
     * naming the field ({@link ApiExceptionHandler}), never converted. Jackson's defaults would
     * store {@code "rating": 4.9} as 4 and {@code "text": true} as {@code "true"}.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonTypes() {
        return builder -> builder
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, refuse(CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Integer, refuse(CoercionInputShape.String, CoercionInputShape.Float,
                        CoercionInputShape.Boolean, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Float, refuse(CoercionInputShape.String, CoercionInputShape.Boolean,
                        CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Boolean, refuse(CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.String, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Enum, refuse(CoercionInputShape.Integer, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Collection, refuse(CoercionInputShape.String, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.POJO, refuse(CoercionInputShape.String, CoercionInputShape.EmptyString));
    }

    private static Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

    /**
     * Text with NUL characters, and times that are not ISO-8601 strings within {@link ClientTimes}'
     * range, are refused as invalid input (registered with Boot's JSON mapper).
     */
    @Bean
    JacksonModule nulRejectingStrings() {
        return new SimpleModule("request-text").addDeserializer(String.class, new RequestTextDeserializer())
                .addDeserializer(Instant.class, new ClientInstantDeserializer());
    }

    /**
     * Tomcat's own error answers (requests refused before Spring sees them) as problem details:
     * replaces the host's {@code ErrorReportValve} just before the context starts, when Spring
     * Boot has put its own in.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemErrorReportValve.class::isInstance)) {
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            }
        }));
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(settings.maxRequestBody().toBytes(), problems));
        // after Spring Security, so that only authenticated callers can make it read a chunked body
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 15);
        return registration;
    }
}
