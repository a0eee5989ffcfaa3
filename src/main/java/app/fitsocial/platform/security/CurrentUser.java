package app.fitsocial.platform.security;

import java.util.Set;

/**
 * The authenticated caller of a request, taken from its access token. Declare it as a
 * controller method parameter to receive it.
 *
 * @param id the user's id
 * @param roles the user's roles without prefix ({@code USER}, {@code PROVIDER}, {@code ADMIN})
 */
public record CurrentUser(long id, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
