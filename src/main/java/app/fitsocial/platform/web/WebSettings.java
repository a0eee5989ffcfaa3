package app.fitsocial.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP conventions that can be tuned ({@code fitsocial.web.*}).
 *
 * @param pagination page sizes
 * @param idempotency how {@code Idempotency-Key}s are kept
 * @param maxRequestBody the largest request body accepted (larger ones get a 413)
 */
@ConfigurationProperties("fitsocial.web")
public record WebSettings(@DefaultValue Pagination pagination,
        @DefaultValue Idempotency idempotency, @DefaultValue("1MB") DataSize maxRequestBody) {

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
