package app.fitsocial.platform.versions;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.platform.redis.SharedRedis;

@Configuration(proxyBeanMethods = false)
class VersionsConfiguration {

    @Bean(destroyMethod = "close")
    Versions versions(StringRedisTemplate redis, Clock clock, VersionsSettings settings, MeterRegistry registry) {
        return new Versions(new VersionStore(new SharedRedis(redis), clock, settings.ttl(), settings.redisTimeout()),
                settings.retryInterval(), registry);
    }
}
