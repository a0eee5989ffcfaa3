package app.fitsocial.platform.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP conventions that can be tuned ({@code fitsocial.web.*}).
 *
 * @param pagination page sizes
 * @param idempotency how {@code Idempotency-Key}s are kept
 * @param maxRequestBody the largest request body accepted (larger ones get a 413)
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of the service: their
 *        {@code Forwarded} / {@code X-Forwarded-*} headers name the client (for per-address rate
 *        limits) and the scheme and host the client used (for the links the service writes);
 *        from anyone else these headers are ignored
 * @param cors which browser origins may call the API
 */
@ConfigurationProperties("fitsocial.web")
public record WebSettings(@DefaultValue Pagination pagination,
        @DefaultValue Idempotency idempotency, @DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue List<String> trustedProxies, @DefaultValue Cors cors) {

    /**
     * Cross-origin calls from browsers (single-page apps served from another origin).
     *
     * @param allowedOrigins the origins allowed, exactly ({@code https://app.example.org});
     *        none by default, so no other origin can call the API from a browser
     * @param maxAge how long a browser may reuse a preflight's answer
     */
    public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
    }

    /**
     * Page sizes of list endpoints.
     *
     * @param defaultLimit the page size of ordinary lists
     * @param heavyDefaultLimit the page size of the heavy lists ({@link PageLimit.Size#HEAVY})
     * @param maxLimit the largest {@code limit} a client may ask for
     */
    public record Pagination(@DefaultValue("20") int defaultLimit, @DefaultValue("10") int heavyDefaultLimit,
            @DefaultValue("100") int maxLimit) {

        public Pagination {
            if (maxLimit < 1 || defaultLimit < 1 || heavyDefaultLimit < 1 || defaultLimit > maxLimit
                    || heavyDefaultLimit > maxLimit) {
                throw new IllegalArgumentException("page sizes must be between 1 and max-limit (" + maxLimit + ")");
            }
        }
    }

    /**
     * Idempotency keys of create requests.
     *
     * @param retention how long a key and its response are kept
     * @param concurrentWait how long a duplicate waits for the first request with its key to finish
     */
    public record Idempotency(@DefaultValue("24h") Duration retention, @DefaultValue("10s") Duration concurrentWait) {
    }
}
