package app.fitsocial.platform.jobs;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The jobs dashboard is never on without a username and password. */
class JobsDashboardGuardTests {

    private static JobsDashboardGuard guard(String enabled, String username, String password) {
        return new JobsDashboardGuard(new MockEnvironment().withProperty("jobrunr.dashboard.enabled", enabled)
                .withProperty("jobrunr.dashboard.username", username)
                .withProperty("jobrunr.dashboard.password", password));
    }

    @Test
    void refusesAnUnprotectedDashboard() {
        assertThatThrownBy(() -> guard("true", "", "").afterPropertiesSet()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JOBS_DASHBOARD_PASSWORD");
        assertThatThrownBy(() -> guard("true", "ops", "short").afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void allowsAProtectedOrDisabledDashboard() {
        assertThatCode(() -> guard("true", "ops", "a-long-enough-secret").afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> guard("false", "", "").afterPropertiesSet()).doesNotThrowAnyException();
    }
}
