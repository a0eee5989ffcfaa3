package app.fitsocial.platform.observability;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts each request's SQL statements on its own thread: the count is reset when the request
 * starts and, when {@link ObservabilitySettings#sqlCountHeader()} is on, reported in the
 * {@code X-Sql-Statements} header just before the body is written.
 */
final class SqlStatementsPerRequest {

    static final String HEADER = "X-Sql-Statements";

    private SqlStatementsPerRequest() {
    }

    static final class ResetFilter extends OncePerRequestFilter {

        private final SqlStatementCounter counter;

        ResetFilter(SqlStatementCounter counter) {
            this.counter = counter;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            counter.resetThread();
            chain.doFilter(request, response);
        }
    }

    @ControllerAdvice
    static final class HeaderAdvice implements ResponseBodyAdvice<Object> {

        private final SqlStatementCounter counter;
        private final ObservabilitySettings settings;

        HeaderAdvice(SqlStatementCounter counter, ObservabilitySettings settings) {
            this.counter = counter;
            this.settings = settings;
        }

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return settings.sqlCountHeader();
        }

        @Override
        public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
                Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                ServerHttpResponse response) {
            response.getHeaders().set(HEADER, Long.toString(counter.onThisThread()));
            return body;
        }
    }
}
