package app.fitsocial.platform.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.springframework.util.FileSystemUtils;
import redis.embedded.RedisServer;

import app.fitsocial.FreePorts;
import app.fitsocial.platform.embedded.EmbeddedServers;

/**
 * A Redis Cluster of three masters with a replica each, on free loopback ports, made the way
 * {@code redis-cli --cluster create} makes one: slots assigned to the masters, the nodes
 * introduced to each other ({@code CLUSTER MEET}), each replica attached to its master. Node
 * timeout 2 s, so a dead master's replica takes over within seconds.
 */
final class RedisClusterServers implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final List<RedisServer> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Path dir;

    private RedisClusterServers(Path dir) {
        this.dir = dir;
    }

    static RedisClusterServers start() throws IOException, InterruptedException {
        RedisClusterServers cluster = new RedisClusterServers(Files.createTempDirectory("fitsocial-redis-cluster-"));
        try {
            for (int i = 0; i < 6; i++) {
                int port = freePort();
                Path nodeDir = Files.createDirectories(cluster.dir.resolve("node-" + port));
                RedisServer server = EmbeddedServers.volatileRedis(port, nodeDir).setting("cluster-enabled yes")
                        .setting("cluster-config-file nodes.conf").setting("cluster-node-timeout 2000").build();
                server.start();
                cluster.servers.add(server);
                cluster.ports.add(port);
            }
            cluster.form();
            return cluster;
        }
        catch (IOException | InterruptedException | RuntimeException ex) {
            cluster.close();
            throw ex;
        }
    }

    private void form() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(sync(i, commands -> commands.clusterMyId()));
        }
        for (int m = 0; m < 3; m++) {
            int from = m * SLOTS / 3;
            int to = (m + 1) * SLOTS / 3;
            int[] slots = IntStream.range(from, to).toArray();
            sync(m, commands -> commands.clusterAddSlots(slots));
        }
        for (int i = 1; i < 6; i++) {
            int port = ports.get(0);
            sync(i, commands -> commands.clusterMeet("127.0.0.1", port));
        }
        await(() -> IntStream.range(0, 6).allMatch(i -> sync(i, c -> c.clusterNodes()).lines().count() == 6),
                "every node knows the other five");
        for (int r = 3; r < 6; r++) {
            String master = ids.get(r - 3);
            sync(r, commands -> commands.clusterReplicate(master));
        }
        await(() -> IntStream.range(0, 6).allMatch(i -> sync(i, c -> c.clusterInfo()).contains("cluster_state:ok"))
                && IntStream.range(0, 6).allMatch(i -> sync(i, c -> c.clusterNodes()).lines()
                        .filter(line -> line.contains("slave")).count() == 3),
                "cluster state ok with three replicas");
    }

    /** The URL the service takes: {@code redis-cluster://} and the masters. */
    String url() {
        return "redis-cluster://" + ports.subList(0, 3).stream().map(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(","));
    }

    /** Runs commands against the cluster (a cluster client, so keys go to their masters). */
    <T> T onCluster(java.util.function.Function<io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands<String, String>, T> call) {
        io.lettuce.core.cluster.RedisClusterClient client = io.lettuce.core.cluster.RedisClusterClient.create(
                ports.subList(0, 3).stream().map(port -> RedisURI.create("127.0.0.1", port)).toList());
        try (var connection = client.connect()) {
            return call.apply(connection.sync());
        }
        finally {
            client.shutdown();
        }
    }

    /** Stops the first master, as a crash would. */
    void stopFirstMaster() throws IOException {
        servers.get(0).stop();
    }

    /** Whether the first master's replica has become a master. */
    boolean firstReplicaPromoted() {
        return sync(3, commands -> commands.info("replication")).contains("role:master");
    }

    private <T> T sync(int node, java.util.function.Function<RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", ports.get(node)));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return call.apply(connection.sync());
        }
        finally {
            client.shutdown();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster not formed within 30 s: " + what);
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        for (RedisServer server : servers) {
            try {
                if (server.isActive()) {
                    server.stop();
                }
            }
            catch (IOException ex) {
                // stopping the rest matters more
            }
        }
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    /** A free port whose cluster bus port (10000 higher) is free too. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = FreePorts.any();
            if (port > 55_535) {
                port -= 20_000;
            }
            try (ServerSocket node = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                    ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
                return port;
            }
            catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair for a cluster node");
    }
}
