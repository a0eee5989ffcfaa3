package app.fitsocial.platform.cache;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * Spring's cache abstraction over {@link CacheService}: {@code @Cacheable}, {@code @CachePut} and
 * {@code @CacheEvict} use the same two levels, keys ({@code String.valueOf(key)}), lifetimes,
 * metrics and after-commit invalidation as programmatic use. Annotated methods must return a
 * concrete type of this application (a record): the type is stored with the value, and only
 * {@code app.fitsocial} types are read back.
 */
class TwoLevelCacheManager implements CacheManager {

    private final CacheService service;
    private final Map<String, Cache> caches = new ConcurrentHashMap<>();

    TwoLevelCacheManager(CacheService service) {
        this.service = service;
    }

    @Override
    public Cache getCache(String name) {
        return caches.computeIfAbsent(name, n -> new TwoLevelCache(n, service));
    }

    @Override
    public Collection<String> getCacheNames() {
        return caches.keySet();
    }

    /** One named cache of {@link TwoLevelCacheManager}. */
    static final class TwoLevelCache implements Cache {

        private final String name;
        private final CacheService service;

        TwoLevelCache(String name, CacheService service) {
            this.name = name;
            this.service = service;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object getNativeCache() {
            return service;
        }

        @Override
        public @Nullable ValueWrapper get(Object key) {
            return service.getAny(name, String.valueOf(key)).map(SimpleValueWrapper::new).orElse(null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
            if (type == null) {
                ValueWrapper wrapper = get(key);
                return wrapper == null ? null : (T) wrapper.get();
            }
            return service.<T>get(name, String.valueOf(key), type).orElse(null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Object key, Callable<T> valueLoader) {
            Object cached = service.getOrLoadAny(name, String.valueOf(key), () -> {
                try {
                    return valueLoader.call();
                }
                catch (RuntimeException ex) {
                    throw ex;
                }
                catch (Exception ex) {
                    throw new ValueRetrievalException(key, valueLoader, ex);
                }
            });
            return (T) cached;
        }

        @Override
        public void put(Object key, @Nullable Object value) {
            if (value != null) {
                service.set(name, String.valueOf(key), value);
            }
        }

        @Override
        public void evict(Object key) {
            service.invalidate(name, String.valueOf(key));
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException("clear a cache by namespace: CacheService.invalidateNamespace");
        }
    }
}
