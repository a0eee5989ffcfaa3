package app.fitsocial.platform.observability;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each request's SQL statements on its own thread: the count is reset when the request
 * starts and, when {@link ObservabilitySettings#sqlCountHeader()} is on, reported in the
 * {@code X-Sql-Statements} header once the request is handled (304s included).
 */
public final class SqlStatementCountFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Sql-Statements";

    private final SqlStatementCounter counter;
    private final ObservabilitySettings settings;

    public SqlStatementCountFilter(SqlStatementCounter counter, ObservabilitySettings settings) {
        this.counter = counter;
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        counter.resetThread();
        chain.doFilter(request, response);
        // the body is still buffered (ResponseBufferingFilter), so a header can still be added
        if (settings.sqlCountHeader() && !response.isCommitted()) {
            response.setHeader(HEADER, Long.toString(counter.onThisThread()));
        }
    }
}
