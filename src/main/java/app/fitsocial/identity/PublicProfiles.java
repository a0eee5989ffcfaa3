package app.fitsocial.identity;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.web.ResourceNotFoundException;

/**
 * Public profiles through the {@code user-profiles} cache (Spring's {@code @Cacheable}, backed by
 * the two-level {@link CacheService}). Profile edits and follow counter changes drop the entry.
 */
@Component
class PublicProfiles {

    static final String CACHE = "user-profiles";

    private final UserRepository users;
    private final CacheService cache;

    PublicProfiles(UserRepository users, CacheService cache) {
        this.users = users;
        this.cache = cache;
    }

    @Cacheable(cacheNames = CACHE, key = "#id", sync = true)
    @Transactional(readOnly = true)
    public PublicProfile of(long id) {
        return PublicProfile.from(users.findById(id).orElseThrow(() -> new ResourceNotFoundException("User", id)));
    }

    /** Drops the cached profile (after the current transaction commits). */
    void changed(long id) {
        cache.invalidate(CACHE, Long.toString(id));
    }
}
