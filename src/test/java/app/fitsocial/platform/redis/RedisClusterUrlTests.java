package app.fitsocial.platform.redis;

import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisClusterUrlTests {

    @Test
    void readsTheNodesAndTheCredentials() {
        RedisClusterUrl url = RedisClusterUrl.parse("redis-cluster://app:s3cr@t@10.0.0.1:7000, 10.0.0.2:7001,redis-3:7002");
        assertThat(url.getCluster().getNodes()).containsExactly(new Node("10.0.0.1", 7000), new Node("10.0.0.2", 7001),
                new Node("redis-3", 7002));
        assertThat(url.getUsername()).isEqualTo("app");
        assertThat(url.getPassword()).isEqualTo("s3cr@t");
        RedisClusterUrl anonymous = RedisClusterUrl.parse("redis-cluster://127.0.0.1:7000");
        assertThat(anonymous.getUsername()).isNull();
        assertThat(anonymous.getPassword()).isNull();
        assertThat(RedisClusterUrl.parse("redis-cluster://:only-password@h:1").getPassword()).isEqualTo("only-password");
    }

    @Test
    void refusesWhatIsNotAListOfHostsAndPorts() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisClusterUrl.parse("redis://127.0.0.1:6379"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisClusterUrl.parse("redis-cluster://127.0.0.1"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisClusterUrl.parse("redis-cluster://"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisClusterUrl.parse("redis-cluster://a:1,,b:2"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisClusterUrl.parse("redis-cluster://a:port"));
    }
}
