package app.fitsocial.platform.redis;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps a {@code redis-cluster://} {@code REDIS_URL} away from {@code spring.data.redis.url},
 * which Spring Boot parses as a single server's URL: the cluster's nodes go to
 * {@code spring.data.redis.cluster.nodes} instead (with which Spring Boot also applies the
 * cluster topology refresh settings), and to the client through {@link RedisClusterUrl}.
 */
class RedisClusterUrlEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("REDIS_URL", "");
        if (url.startsWith(RedisClusterUrl.SCHEME)) {
            String nodes = RedisClusterUrl.parse(url).nodes().stream().map(node -> node.host() + ":" + node.port())
                    .collect(Collectors.joining(","));
            // the cluster nodes also tell Spring Boot to build cluster client options (topology refresh)
            environment.getPropertySources().addFirst(new MapPropertySource("fitsocial-redis-cluster",
                    Map.of("spring.data.redis.url", "", "spring.data.redis.cluster.nodes", nodes)));
        }
    }

    @Override
    public int getOrder() {
        // after the configuration files are loaded (REDIS_URL may come from any property source)
        return Ordered.LOWEST_PRECEDENCE;
    }
}
