package app.fitsocial.platform.versions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shared versions ({@code fitsocial.versions.*}).
 *
 * @param ttl how long a version is kept in Redis after its last raise; a version that expired is
 *        unknown until the resource is read from the database again, which costs one full answer
 *        instead of a 304, never a wrong one
 * @param redisTimeout the longest a read or a raise waits for Redis
 * @param retryInterval how often raises Redis did not take are sent again
 */
@ConfigurationProperties("fitsocial.versions")
public record VersionsSettings(@DefaultValue("24h") Duration ttl, @DefaultValue("200ms") Duration redisTimeout,
        @DefaultValue("250ms") Duration retryInterval) {
}
