package app.fitsocial.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import app.fitsocial.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** In the running service, Spring MVC writes every problem detail with the one {@link ProblemWriter}. */
@IntegrationTest
class ProblemWriterIntegrationTests {

    @Autowired
    private RequestMappingHandlerAdapter handlers;

    @Autowired
    private ProblemWriter problems;

    @Test
    void theProblemWriterIsSpringMvcsFirstConverterForProblemDetailsAndItsOnlyCopy() {
        var converters = handlers.getMessageConverters();

        assertThat(converters.stream().filter(converter -> converter.canWrite(ProblemDetail.class, null)).findFirst())
                .containsSame(problems);
        assertThat(converters.stream().filter(ProblemWriter.class::isInstance).count()).isEqualTo(1);
    }
}
