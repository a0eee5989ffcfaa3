package app.fitsocial.platform.web.idempotency;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import app.fitsocial.platform.web.CachedBodyRequest;
import app.fitsocial.platform.web.ProblemException;
import app.fitsocial.platform.web.ProblemWriter;
import app.fitsocial.platform.web.conditional.RepresentationTags;

/**
 * {@code Idempotency-Key} on every {@code POST} of the API. The first request with a key claims it
 * and runs; its response (any status below 500) is stored for the retention period, and a retry
 * with the same key and the same body gets that response again, marked
 * {@code Idempotent-Replayed: true}, without running twice. The same key with another body is a
 * 422; a duplicate that arrives while the first is still running waits for its outcome (up to
 * {@code concurrent-wait}, then 409). A 5xx frees the key, so a retry runs again. Keys are per
 * caller: the user, or all anonymous callers together (whose registrations differ by body anyway).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern ACCEPTABLE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final long POLL_MILLIS = 25;

    private final IdempotencyStore store;
    private final Duration concurrentWait;
    private final ProblemWriter problems;

    IdempotencyFilter(IdempotencyStore store, Duration concurrentWait, ProblemWriter problems) {
        this.store = store;
        this.concurrentWait = concurrentWait;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            handle(request, response, chain);
        }
        catch (ProblemException problem) {
            problems.write(request, response, problem);
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!ACCEPTABLE_KEY.matcher(key).matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)");
        }
        // bounded: RequestBodyLimitFilter, which runs before this filter, refused larger bodies (413)
        byte[] body = request.getInputStream().readAllBytes();
        String scope = RepresentationTags.scope();
        Request call = new Request(scope, key, request.getMethod(), target(request), body);
        byte[] hash = ReplayCipher.requestHash(scope, key, call.method(), call.target(), body);
        if (store.claim(scope, key, hash)) {
            run(call, new CachedBodyRequest(request, body), response, chain);
            return;
        }
        IdempotencyRecord existing = awaitOutcome(scope, key);
        if (!Arrays.equals(existing.requestHash(), hash)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "This Idempotency-Key was already used for a different request; "
                            + "use a new key for a new request");
        }
        if (!existing.completed()) {
            throw new ProblemException(HttpStatus.CONFLICT, "idempotency-key-in-progress",
                    "Request still in progress", "A request with this Idempotency-Key has not finished yet; retry later");
        }
        replay(call, existing, response);
    }

    private void run(Request call, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean completed = false;
        try {
            chain.doFilter(request, response);
            ContentCachingResponseWrapper buffered =
                    WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
            int status = response.getStatus();
            // 406 and 415 never get here: JsonOnlyFilter refuses them before this filter runs
            if (status < 500 && buffered != null) {
                byte[] sealed = ReplayCipher.encrypt(buffered.getContentAsByteArray(), call.scope(), call.key(),
                        call.method(), call.target(), call.body());
                store.complete(call.scope(), call.key(), status, response.getContentType(),
                        response.getHeader(HttpHeaders.LOCATION), sealed);
                completed = true;
            }
        }
        finally {
            if (!completed) {
                store.release(call.scope(), call.key());
            }
        }
    }

    private IdempotencyRecord awaitOutcome(String scope, String key) {
        long deadline = System.nanoTime() + concurrentWait.toNanos();
        while (true) {
            Optional<IdempotencyRecord> found = store.find(scope, key);
            if (found.isEmpty()) {
                // released by a failed first attempt (or expired) in the meantime: this one may run
                throw new ProblemException(HttpStatus.CONFLICT, "idempotency-key-in-progress",
                        "Request still in progress", "The first request with this Idempotency-Key failed; retry");
            }
            if (found.get().completed() || System.nanoTime() > deadline) {
                return found.get();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return found.get();
            }
        }
    }

    private static void replay(Request call, IdempotencyRecord stored, HttpServletResponse response) throws IOException {
        byte[] body;
        try {
            body = stored.body() == null ? new byte[0]
                    : ReplayCipher.decrypt(stored.body(), call.scope(), call.key(), call.method(), call.target(), call.body());
        }
        catch (GeneralSecurityException ex) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "This Idempotency-Key was already used for a different request");
        }
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED, "true");
        response.getOutputStream().write(body);
    }

    private static String target(HttpServletRequest request) {
        return request.getQueryString() == null ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
    }

    /** The parts of a request that make it "the same request". */
    private record Request(String scope, String key, String method, String target, byte[] body) {
    }
}
