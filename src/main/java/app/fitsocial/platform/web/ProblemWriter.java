package app.fitsocial.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of error bodies: every problem detail (RFC 9457) the service sends leaves
 * through here, as {@code application/problem+json}, UTF-8, with its {@code Content-Length} and
 * an {@code instance} (the request's path unless the problem names another). Three callers, one
 * format:
 * <ul>
 * <li>Spring MVC, for what {@link ApiExceptionHandler} and {@link ProblemErrorController} return:
 * this is the first message converter for {@link ProblemDetail}, so an error answers in
 * {@code application/problem+json} even to a client whose {@code Accept} names only
 * {@code application/json};</li>
 * <li>servlet filters that refuse a request before any handler runs
 * ({@link #write(HttpServletRequest, HttpServletResponse, ProblemException)}), headers of the
 * exception (such as {@code Retry-After}) included;</li>
 * <li>Tomcat's error report valve ({@link ProblemErrorReportValve}), for requests Tomcat refuses
 * before the servlet pipeline.</li>
 * </ul>
 */
@Component
public class ProblemWriter implements HttpMessageConverter<ProblemDetail> {

    private static final List<MediaType> MEDIA_TYPES = List.of(MediaType.APPLICATION_PROBLEM_JSON, MediaType.APPLICATION_JSON);

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        // the mixin puts a problem's extension members (errors, limit) at the top level, as RFC 9457 has them
        this.json = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    }

    /** Writes a filter's refusal: the exception's status, headers and problem. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemException refusal) throws IOException {
        refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        write(request, response, refusal.getBody());
    }

    /** Writes the problem over whatever the response had buffered. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(pathOf(request));
        }
        byte[] body = json.writeValueAsBytes(problem);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request's path as a URI reference; none for a path Tomcat refused as malformed. */
    private static @Nullable URI pathOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        try {
            return path == null ? null : URI.create(path);
        }
        catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    @Override
    public boolean canRead(Class<?> type, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> type, @Nullable MediaType mediaType) {
        return ProblemDetail.class.isAssignableFrom(type)
                && (mediaType == null || MEDIA_TYPES.stream().anyMatch(mediaType::isCompatibleWith));
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return MEDIA_TYPES;
    }

    @Override
    public ProblemDetail read(Class<? extends ProblemDetail> type, HttpInputMessage message) {
        throw new HttpMessageNotReadableException("Problem details are written, never read", message);
    }

    /** Writes a problem Spring MVC chose this converter for; the media type is always {@code application/problem+json}. */
    @Override
    public void write(ProblemDetail problem, @Nullable MediaType contentType, HttpOutputMessage message) throws IOException {
        byte[] body = json.writeValueAsBytes(problem);
        message.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        message.getHeaders().setContentLength(body.length);
        message.getBody().write(body);
    }
}
