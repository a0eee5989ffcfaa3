package app.fitsocial.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Holds each response body until the request is done, so that it goes out with a
 * {@code Content-Length}: Tomcat compresses only bodies it knows to be over the 1 KiB threshold
 * (it compresses every body of unknown length), and the content-tag filter needs the complete
 * JSON to tag it, or to drop it for a 304. Error dispatches (a request refused before a handler
 * ran, answered by the error controller) are held too, so the threshold holds for them as well.
 */
class ResponseBufferingFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        doFilterInternal(request, response, chain);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (response instanceof ContentCachingResponseWrapper) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        }
        finally {
            buffered.copyBodyToResponse();
        }
    }
}
