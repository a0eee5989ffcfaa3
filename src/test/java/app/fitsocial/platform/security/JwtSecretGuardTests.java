package app.fitsocial.platform.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JwtSecretGuardTests {

    private final SecurityConfiguration configuration = new SecurityConfiguration();

    private static SecuritySettings settings(String secret) {
        return new SecuritySettings(secret, "fitsocial", Duration.ofMinutes(15), Duration.ofDays(30));
    }

    private static MockEnvironment profile(String profile) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        return environment;
    }

    @Test
    void prodRefusesTheDevelopmentDefaultSecret() {
        assertThatIllegalStateException()
                .isThrownBy(() -> configuration.jwtSigningKey(
                        settings("insecure-development-secret-change-me-0123456789"), profile("prod")))
                .withMessageContaining("JWT_SECRET");
    }

    @Test
    void refusesASecretTooShortForHs256InAnyProfile() {
        assertThatIllegalStateException()
                .isThrownBy(() -> configuration.jwtSigningKey(settings("too-short"), profile("dev")));
    }

    @Test
    void prodAcceptsARealSecret() {
        var key = configuration.jwtSigningKey(settings("a-real-production-secret-of-enough-bytes-42"), profile("prod"));
        assertThat(key.getAlgorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void developmentAcceptsTheDefaultSecret() {
        var key = configuration.jwtSigningKey(settings("insecure-development-secret-change-me-0123456789"),
                profile("dev"));
        assertThat(key.getEncoded()).hasSizeGreaterThanOrEqualTo(32);
    }
}
