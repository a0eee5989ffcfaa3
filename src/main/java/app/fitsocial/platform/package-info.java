/**
 * Everything the feature modules share and none of them owns, in one closed module. Features
 * use only its named interfaces, each a handful of types:
 * <ul>
 * <li>{@code web}: pagination ({@code PageQuery}, {@code CursorPage}, {@code Cursor}), problem
 * exceptions, sparse fields ({@code FieldSelection}), the client's address;</li>
 * <li>{@code conditional}: {@code VersionTagged} reads and {@code WritePreconditions};</li>
 * <li>{@code versions}: {@code Versions}, where a write states what it changed, and
 * {@code Versioned} values;</li>
 * <li>{@code cache}: {@code CacheService}, the two-level cache behind each feature's
 * {@code XxxCache} component;</li>
 * <li>{@code security}: {@code CurrentUser}, token issuing and its settings;</li>
 * <li>{@code persistence}: {@code AfterCommit}, {@code LikePattern};</li>
 * <li>{@code jobs}: {@code JobRuns};</li>
 * <li>{@code redis}: the shared connection's pipelined commands and Lua scripts, for stores
 * kept in Redis data structures (the feed's timelines);</li>
 * <li>{@code login-throttle}: {@code AccountLoginThrottle}.</li>
 * </ul>
 * The rest is internal, and {@code ApplicationModules.verify()} fails a feature that reaches it:
 * the HTTP pipeline ({@code web.HttpPipeline}, every filter and valve in order), the rate limiter
 * ({@code ratelimit}), the Redis client set-up and circuit breaker ({@code redis}), the version
 * store ({@code versions}), idempotency, observability and read-replica routing.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package app.fitsocial.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
