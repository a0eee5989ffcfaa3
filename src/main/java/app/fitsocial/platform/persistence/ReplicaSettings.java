package app.fitsocial.platform.persistence;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read replicas ({@code fitsocial.datasource.*}): where read-only transactions may go.
 *
 * @param replicaUrls JDBC URLs of streaming replicas of the primary (same user and password);
 *        empty: everything goes to the primary
 * @param readYourWritesWindow how long after a user's write their reads go to the primary, so that
 *        replica lag never hides their own write from them
 * @param replicaPoolSize connections per replica
 * @param replicaConnectionTimeout the longest a read waits for a replica connection before it
 *        goes to the primary instead
 * @param replicaRetryAfter how long a replica that failed is left out before it is tried again
 */
@ConfigurationProperties("fitsocial.datasource")
public record ReplicaSettings(@DefaultValue List<String> replicaUrls, @DefaultValue("5s") Duration readYourWritesWindow,
        @DefaultValue("10") int replicaPoolSize, @DefaultValue("1s") Duration replicaConnectionTimeout,
        @DefaultValue("10s") Duration replicaRetryAfter) {

    /** A condition expression: true when at least one read replica is configured. */
    public static final String CONFIGURED = "!'${fitsocial.datasource.replica-urls:}'.isBlank()";


    /** The configured replica URLs, blanks left out. */
    public List<String> replicas() {
        return replicaUrls.stream().map(String::strip).filter(url -> !url.isEmpty()).toList();
    }
}
