/**
 * The Redis client: behaviour on outages (fail fast while disconnected, a circuit breaker),
 * Redis Cluster from {@code redis-cluster://} URLs, and the shared connection's pipelined
 * asynchronous commands and Lua scripts ({@code SharedRedis}, {@code LuaScript}) for the stores
 * kept in Redis data structures.
 */
@NullMarked
package app.fitsocial.platform.redis;

import org.jspecify.annotations.NullMarked;
