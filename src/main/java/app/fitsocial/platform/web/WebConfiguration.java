package app.fitsocial.platform.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.module.SimpleModule;

/** Spring MVC for the API: its argument resolvers, JSON as its only format, and its JSON input rules. Filters and valves: {@link HttpPipeline}. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final WebSettings settings;
    private final ProblemWriter problems;

    WebConfiguration(WebSettings settings, ProblemWriter problems) {
        this.settings = settings;
        this.problems = problems;
    }

    /** Who the client is behind the trusted proxies ({@code fitsocial.web.trusted-proxies}). */
    @Bean
    ClientAddresses clientAddresses() {
        return new ClientAddresses(settings.trustedProxies());
    }

    /**
     * JSON only: no XML, YAML, Smile or CBOR representations of anything (docs/http.md); problem
     * details by {@link ProblemWriter}.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.configureMessageConvertersList(list -> {
            list.removeIf(WebConfiguration::speaksAnotherFormat);
            list.replaceAll(WebConfiguration::refusingUnknownAndRepeatedFields);
            // first, so that every error body Spring MVC writes is written by it (once: as a
            // converter bean, Spring Boot may have put it in the list already)
            list.removeIf(converter -> converter == problems);
            list.add(0, problems);
        });
    }

    /**
     * Request bodies with a field the request does not have, or with one field twice, are a 400
     * naming it: a misspelt optional field ({@code "displayname"}) would otherwise be dropped
     * without a word, and of two values one would win without a word. Only for HTTP bodies: the application's own JSON (cached values, stored events) stays tolerant, so a
     * field removed in a new version does not break reading what an older one wrote.
     */
    private static HttpMessageConverter<?> refusingUnknownAndRepeatedFields(HttpMessageConverter<?> converter) {
        // the plain converter only: Spring Data's projecting one (a subclass) reads projections
        if (converter instanceof JacksonJsonHttpMessageConverter json && converter.getClass() == JacksonJsonHttpMessageConverter.class) {
            return new JacksonJsonHttpMessageConverter(json.getMapper().rebuild()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
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
    static JsonMapperBuilderCustomizer strictJsonTypes() {
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
    static JacksonModule nulRejectingStrings() {
        return new SimpleModule("request-text").addDeserializer(String.class, new RequestTextDeserializer())
                .addDeserializer(Instant.class, new ClientInstantDeserializer());
    }
}
