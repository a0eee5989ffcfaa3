package app.fitsocial.platform.redis;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * A Redis Cluster named in {@code REDIS_URL}:
 * {@code redis-cluster://[user:password@]host1:port1,host2:port2,...} (any reachable nodes; the
 * client discovers the rest of the cluster from them).
 */
record RedisClusterUrl(List<DataRedisConnectionDetails.Node> nodes, @Nullable String username, @Nullable String password)
        implements DataRedisConnectionDetails {

    static final String SCHEME = "redis-cluster://";

    static RedisClusterUrl parse(String url) {
        if (!url.startsWith(SCHEME)) {
            throw new IllegalArgumentException("REDIS_URL must start with " + SCHEME + " for a cluster: " + url);
        }
        String rest = url.substring(SCHEME.length());
        String username = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = credentials.indexOf(':');
            username = colon < 0 ? null : emptyToNull(credentials.substring(0, colon));
            password = colon < 0 ? credentials : credentials.substring(colon + 1);
        }
        List<DataRedisConnectionDetails.Node> nodes = new ArrayList<>();
        for (String node : rest.replaceAll("/.*$", "").split(",")) {
            URI parsed = URI.create("redis://" + node.strip());
            if (parsed.getHost() == null || parsed.getPort() < 0) {
                throw new IllegalArgumentException("Not a host:port in REDIS_URL: " + node);
            }
            nodes.add(new DataRedisConnectionDetails.Node(parsed.getHost(), parsed.getPort()));
        }
        return new RedisClusterUrl(List.copyOf(nodes), username, password);
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    @Override
    public @Nullable String getUsername() {
        return username;
    }

    @Override
    public @Nullable String getPassword() {
        return password;
    }

    @Override
    public Cluster getCluster() {
        return () -> nodes;
    }
}
