package app.fitsocial.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import app.fitsocial.platform.web.ProblemException;
import app.fitsocial.platform.web.ProblemWriter;

/**
 * Stateless JWT security: which routes are public, HS256 access tokens signed with
 * {@code fitsocial.security.jwt-secret}, and 401/403 answered as problem details by the same
 * exception handler as every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    /** The methods the service implements: the firewall lets only these through ({@link #httpFirewall}). */
    private static final Set<String> IMPLEMENTED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, ex) ->
                exceptionResolver.resolveException(request, response, null, ex);
        AccessDeniedHandler deniedHandler = (request, response, ex) ->
                exceptionResolver.resolveException(request, response, null, ex);
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter jwtConverter = new JwtAuthenticationConverter();
        jwtConverter.setJwtGrantedAuthoritiesConverter(authorities);

        http.csrf(csrf -> csrf.disable())
                // CORS runs before this chain, in the HTTP pipeline (CorsConfiguration)
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // "Cache-Control: no-store" (with Pragma and Expires) on every answer that sets no
                // Cache-Control of its own: the 200s of API GETs carry an ETag and "private,
                // no-cache" instead (platform.web.conditional), so that they can be revalidated.
                // HSTS when the request came over TLS, directly or through a TLS-terminating proxy
                // (over plain HTTP browsers ignore the header, so a forged X-Forwarded-Proto gains nothing)
                .headers(headers -> headers
                        .httpStrictTransportSecurity(hsts -> hsts.requestMatcher(SecurityConfiguration::overTls)
                                .maxAgeInSeconds(31_536_000).includeSubDomains(true)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PublicEndpoints.AUTH).permitAll()
                        .requestMatchers(HttpMethod.GET, PublicEndpoints.READS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PublicEndpoints.READS).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/classes").hasAnyRole("PROVIDER", "ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/livez", "/readyz").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler));
        return http.build();
    }

    /** Spring Security's strict firewall, letting through exactly {@link #IMPLEMENTED_METHODS}. */
    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(IMPLEMENTED_METHODS);
        return firewall;
    }

    /**
     * Requests Spring Security's firewall refuses, as problems written by {@link ProblemWriter}: a
     * method the service does not implement ({@code FOO}, {@code PROPFIND}, a lower-case
     * {@code get}) is a 501 (RFC 9110 section 15.6.2); anything else it refuses (a double or an
     * encoded slash in the path, a forbidden character in a header) is a 400.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(request, response,
                IMPLEMENTED_METHODS.contains(request.getMethod())
                        ? ProblemException.problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                                "The request was refused: its path or headers are not allowed (for example, a double"
                                        + " or an encoded slash in the path)")
                        : ProblemException.problem(HttpStatus.NOT_IMPLEMENTED, "not-implemented", "Not Implemented",
                                "This service does not implement the method of the request"));
    }

    private static boolean overTls(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    @Bean
    SecretKey jwtSigningKey(SecuritySettings settings, Environment environment) {
        byte[] secret = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            if (settings.jwtSecret().startsWith(SecuritySettings.INSECURE_PREFIX)) {
                throw new IllegalStateException(
                        "JWT_SECRET is not set: the prod profile refuses the development default secret");
            }
        }
        if (secret.length < SecuritySettings.MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_SECRET must be at least " + SecuritySettings.MIN_SECRET_BYTES
                    + " bytes long for HS256");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtSigningKey, SecuritySettings settings, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        // the timestamps on the service's clock only: createDefaultWithIssuer would add a second
        // timestamp check on the system clock; with ours in the list, createDefaultWithValidators adds none
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(settings.issuer()), timestamps));
        return new VerifiedTokens(decoder, timestamps);
    }

    /**
     * No observation around each of Spring Security's filters, authentications and
     * authorizations: they cost a fifth of a trivial request's CPU (docs/performance.md) and
     * {@code http.server.requests} already times and counts every request, 401s and 403s included.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
