package app.fitsocial.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.modulith.NamedInterface;

/**
 * The authenticated caller of a request, taken from its access token. Declare it as a
 * controller method parameter to receive it.
 *
 * @param id the user's id
 * @param roles the user's roles without prefix ({@code USER}, {@code PROVIDER}, {@code ADMIN})
 */
@NamedInterface("security")
public record CurrentUser(long id, Set<String> roles) {

    /** The caller of the request being handled on this thread, if it presented a valid access token. */
    public static Optional<CurrentUser> authenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        Set<String> roles = token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        return Optional.of(new CurrentUser(Long.parseLong(token.getToken().getSubject()), roles));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
