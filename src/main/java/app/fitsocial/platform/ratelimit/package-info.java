/**
 * Rate limits: token buckets in Redis shared by every instance, all of a request's buckets taken
 * in one Lua script ({@code RedisBuckets}), an in-memory fallback while Redis is away, rules by
 * route, user and address allocation ({@code RateLimitFilter}, placed by the HTTP pipeline), and
 * the per-account login throttle. Every refusal is a {@code TooManyRequests}. See
 * {@code docs/rate-limits.md}.
 */
@NullMarked
package app.fitsocial.platform.ratelimit;

import org.jspecify.annotations.NullMarked;
