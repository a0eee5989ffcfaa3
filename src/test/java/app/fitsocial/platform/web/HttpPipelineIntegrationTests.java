package app.fitsocial.platform.web;

import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.servlet.Filter;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.ApplicationContext;

import app.fitsocial.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filters of the running service, in the order Spring Boot registers them with Tomcat, are
 * exactly the chain {@link HttpPipeline}'s Javadoc lists, with Spring Boot's own in the places it
 * names (the test run has no read replica, so no read-your-writes filter).
 */
@IntegrationTest
class HttpPipelineIntegrationTests {

    @Autowired
    private ApplicationContext context;

    @Test
    void theFiltersRunInTheDocumentedOrder() {
        List<String> chain = StreamSupport.stream(new ServletContextInitializerBeans(context).spliterator(), false)
                .filter(AbstractFilterRegistrationBean.class::isInstance)
                .map(AbstractFilterRegistrationBean.class::cast)
                .filter(AbstractFilterRegistrationBean::isEnabled)
                .map(HttpPipelineIntegrationTests::nameOf)
                .toList();

        assertThat(chain).containsExactly("RequestIdFilter", "OrderedCharacterEncodingFilter", "ResponseBufferingFilter",
                "ServerHttpObservationFilter", "SqlStatementCountFilter", "ForwardedOriginFilter", "CorsFilter", "JsonOnlyFilter",
                "OrderedFormContentFilter", "RateLimitFilter", "OrderedRequestContextFilter", "springSecurityFilterChain",
                "RequestUserAttributeFilter", "ContentTagFilter", "RequestBodyLimitFilter", "IdempotencyFilter");
    }

    private static String nameOf(AbstractFilterRegistrationBean<?> registration) {
        Filter filter = registration.getFilter();
        return registration.getFilterName().equals("springSecurityFilterChain") || filter == null
                ? registration.getFilterName()
                : filter.getClass().getSimpleName();
    }
}
