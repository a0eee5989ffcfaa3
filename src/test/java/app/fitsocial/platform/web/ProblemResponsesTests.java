package app.fitsocial.platform.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem responses of every writer path, without a server: Spring MVC with the real
 * {@link ApiExceptionHandler} and {@link ProblemWriter}, the error controller, and a filter's
 * direct write. The full-stack answers (Tomcat's valve, security, compression) are in the
 * integration tests.
 */
class ProblemResponsesTests {

    private static final String TYPES = ProblemException.TYPE_PREFIX;

    private final ProblemWriter problems = new ProblemWriter(JsonMapper.builder().build());

    private final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders
            .standaloneSetup(new FailingController(), new ProblemErrorController())
            .setControllerAdvice(new ApiExceptionHandler())
            .setMessageConverters(problems, new JacksonJsonHttpMessageConverter())
            .build());

    @Test
    void aDomainProblemIsProblemJsonEvenToAClientAskingForJson() {
        assertThat(mvc.get().uri("/things/7").accept(MediaType.APPLICATION_JSON))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"type": "%snot-found", "title": "Resource not found", "status": 404,
                         "detail": "Thing 7 was not found", "instance": "/things/7"}""".formatted(TYPES));
    }

    @Test
    void theBodyHasItsLengthAndTheExceptionsHeadersGoAlong() {
        var result = mvc.get().uri("/limited").exchange();

        assertThat(result).hasStatus(HttpStatus.TOO_MANY_REQUESTS).hasHeader(HttpHeaders.RETRY_AFTER, "30");
        assertThat(result.getResponse().getContentLength()).isEqualTo(result.getResponse().getContentAsByteArray().length);
        assertThat(result).bodyJson().extractingPath("$.limit").isEqualTo("per-user");
    }

    @Test
    void invalidFieldsAreListedInErrors() {
        assertThat(mvc.post().uri("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \" \"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"type": "%svalidation", "status": 400, "errors": [{"field": "name"}]}""".formatted(TYPES));
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedBodyProblem() {
        assertThat(mvc.post().uri("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": "))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPES + "malformed-body");
    }

    @Test
    void jsonOfTheWrongShapeOrOutOfRangeSaysSoInsteadOfCallingItInvalidJson() {
        assertThat(mvc.post().uri("/things").contentType(MediaType.APPLICATION_JSON).content("[1, 2]"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().isLenientlyEqualTo("""
                        {"type": "%smalformed-body", "detail": "The request body must be a JSON object"}""".formatted(TYPES));
        assertThat(mvc.post().uri("/counts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"value\": 9223372036854775808}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().isLenientlyEqualTo("""
                        {"type": "%svalidation", "errors": [{"field": "value", "message": "is out of range; expected a number"}]}"""
                        .formatted(TYPES));
        assertThat(mvc.post().uri("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": "))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.detail").isEqualTo("The request body is not valid JSON");
    }

    @Test
    void anUnexpectedFailureSaysNothingOfItsCause() throws Exception {
        var result = mvc.get().uri("/boom").exchange();

        assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPES + "internal");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("IllegalStateException", "select", "users");
    }

    @Test
    void theErrorControllerAnswersForTheOriginalPath() {
        assertThat(mvc.get().uri("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/nowhere"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"type": "%snot-found", "title": "Not Found", "status": 404,
                         "detail": "There is no resource at /api/v1/nowhere", "instance": "/api/v1/nowhere"}"""
                        .formatted(TYPES));
    }

    @Test
    void askingForTheErrorPathItselfIsA404NotAFailure() {
        assertThat(mvc.get().uri("/error"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPES + "not-found");
    }

    @Test
    void aFilterRefusalReplacesWhatWasBufferedAndCarriesItsHeaders() throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/v1/things");
        var response = new MockHttpServletResponse();
        response.getOutputStream().write("half a body".getBytes(StandardCharsets.UTF_8));
        ProblemException tooLarge = new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "content-too-large",
                "Request too large", "The request body is larger than 10 bytes");
        tooLarge.getHeaders().set(HttpHeaders.CONNECTION, "close");

        problems.write(request, response, tooLarge);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getHeader(HttpHeaders.CONNECTION)).isEqualTo("close");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
        assertThat(response.getContentAsString()).doesNotContain("half a body")
                .contains("\"instance\":\"/api/v1/things\"", "\"type\":\"" + TYPES + "content-too-large\"");
    }

    @Test
    void aPathThatIsNotAUriLeavesOutTheInstanceRatherThanFailing() throws Exception {
        var request = new MockHttpServletRequest("GET", "/bad path|{}");
        var response = new MockHttpServletResponse();

        problems.write(request, response, ProblemException.ofStatus(HttpStatus.BAD_REQUEST, "Malformed"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).doesNotContain("instance").contains("\"status\":400");
    }

    record Thing(@NotBlank String name) {
    }

    record Count(long value) {
    }

    @RestController
    static class FailingController {

        @GetMapping("/things/{id}")
        Thing thing(@PathVariable long id) {
            throw new ResourceNotFoundException("Thing", id);
        }

        @PostMapping("/things")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @PostMapping("/counts")
        Count count(@RequestBody Count count) {
            return count;
        }

        @GetMapping("/limited")
        Thing limited() {
            ProblemException limited = new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many requests", "retry in 30 s");
            limited.getHeaders().set(HttpHeaders.RETRY_AFTER, "30");
            limited.getBody().setProperty("limit", "per-user");
            throw limited;
        }

        @GetMapping("/boom")
        Thing boom() {
            throw new IllegalStateException("select * from users failed");
        }
    }
}
