package app.fitsocial;

import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(FitSocialApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void featureModulesAndPlatformAreDetected() {
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
                .containsExactlyInAnyOrder("identity", "classes", "reviews", "groups", "social", "messaging", "matching",
                        "notifications", "platform");
    }

    /**
     * The platform is a closed module: a feature may use the types of its named interfaces and
     * nothing else, so {@link #modulesRespectTheirBoundaries()} fails for any other dependency.
     */
    @Test
    void thePlatformIsClosedAndNamesWhatFeaturesMayUse() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();

        assertThat(platform.isOpen()).isFalse();
        assertThat(platform.getNamedInterfaces().stream().filter(NamedInterface::isNamed).map(NamedInterface::getName))
                .containsExactlyInAnyOrder("web", "conditional", "versions", "cache", "security", "persistence", "jobs",
                        "redis", "login-throttle");
        assertThat(platform.getNamedInterfaces().getUnnamedInterface().asJavaClasses()).isEmpty();
    }

    /**
     * Of the rate limiter, the Redis plumbing and the versions code, features see only the
     * entrances listed here: the limiter's buckets and filter, the Redis client set-up and circuit
     * breaker, and the version store are internal, so verify() fails a feature that uses them.
     */
    @Test
    void ofRateLimitingRedisAndVersionsOnlyTheirEntrancesAreExposed() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();
        Map<String, Set<String>> entrances = Map.of(
                "app.fitsocial.platform.ratelimit", Set.of("AccountLoginThrottle"),
                "app.fitsocial.platform.redis", Set.of("SharedRedis", "LuaScript"),
                "app.fitsocial.platform.versions", Set.of("Versions", "Versioned", "Version"));

        entrances.forEach((packageName, exposed) -> {
            var types = platform.getBasePackage().stream()
                    .filter(type -> type.getPackageName().equals(packageName) && type.isTopLevelClass()
                            && !type.getSimpleName().equals("package-info"))
                    .toList();
            assertThat(types).as(packageName).hasSizeGreaterThan(exposed.size());
            assertThat(types.stream().filter(platform::isExposed).map(JavaClass::getSimpleName))
                    .as("exposed types of " + packageName)
                    .containsExactlyInAnyOrderElementsOf(exposed);
        });
        assertThat(platform.getType("app.fitsocial.platform.ratelimit.RateLimiter")).get().matches(type -> !platform.isExposed(type));
        assertThat(platform.getType("app.fitsocial.platform.versions.VersionStore")).get().matches(type -> !platform.isExposed(type));
        assertThat(platform.getType("app.fitsocial.platform.web.HttpPipeline")).get().matches(type -> !platform.isExposed(type));
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
