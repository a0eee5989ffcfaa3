/**
 * The two-level cache behind every feature's {@code XxxCache} component: {@code CacheService}
 * (Caffeine near each instance, Redis shared by all), every entry stored with and checked against
 * the version of the resource it shows, so a hit never serves data older than a write the reader
 * could know of. Meters: {@code cache.gets}, {@code cache.puts}, {@code cache.evictions}.
 */
@NullMarked
package app.fitsocial.platform.cache;

import org.jspecify.annotations.NullMarked;
