package app.fitsocial.platform.jobs;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the JobRunr dashboard from ever being public by accident: it is off by default, and the
 * service refuses to start with it on unless a username and password protect it.
 */
@Component
class JobsDashboardGuard implements InitializingBean {

    private final Environment environment;

    JobsDashboardGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        boolean enabled = environment.getProperty("jobrunr.dashboard.enabled", Boolean.class, false);
        String username = environment.getProperty("jobrunr.dashboard.username", "");
        String password = environment.getProperty("jobrunr.dashboard.password", "");
        if (enabled && (username.isBlank() || password.length() < 12)) {
            throw new IllegalStateException("The jobs dashboard is enabled without protection: set "
                    + "JOBS_DASHBOARD_USERNAME and a JOBS_DASHBOARD_PASSWORD of at least 12 characters");
        }
    }
}
