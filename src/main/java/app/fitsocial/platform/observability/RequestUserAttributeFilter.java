package app.fitsocial.platform.observability;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import app.fitsocial.platform.security.CurrentUser;

/**
 * Records the authenticated user's id as a request attribute for the request log, which is
 * written after the security context is gone. Runs right after authentication.
 */
public class RequestUserAttributeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUser.authenticated().ifPresent(user -> request.setAttribute(RequestLogValve.USER_ATTRIBUTE, user.id()));
        chain.doFilter(request, response);
    }
}
