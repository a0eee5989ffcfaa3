package app.fitsocial.classes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;

/**
 * Classes through the caches: details per class ({@code class-details}, with spots left and
 * rating, invalidated by bookings, cancellations and ratings) and listings as pages of ids
 * ({@code class-listings}, invalidated when a class is published) completed from the details.
 * A booking thus costs one detail entry, not every listing that shows the class.
 */
@Component
class ClassCache {

    static final String DETAILS = "class-details";
    static final String LISTINGS = "class-listings";

    private static final ParameterizedTypeReference<CursorPage<Long>> ID_PAGE = new ParameterizedTypeReference<>() {
    };

    private final CacheService cache;
    private final ClassQueries queries;

    ClassCache(CacheService cache, ClassQueries queries) {
        this.cache = cache;
        this.queries = queries;
    }

    Optional<ClassResponse> find(long id) {
        return Optional.ofNullable(cache.getOrLoad(DETAILS, Long.toString(id), ClassResponse.class,
                () -> queries.find(id).orElse(null)));
    }

    CursorPage<ClassResponse> list(ClassFilter filter, PageQuery page) {
        Map<Long, ClassResponse> fresh = new HashMap<>();
        CursorPage<Long> ids = cache.getOrLoad(LISTINGS, "all:" + keyOf(filter, page), ID_PAGE.getType(), () -> {
            CursorPage<ClassResponse> rows = queries.list(filter, page);
            rows.items().forEach(row -> fresh.put(row.id(), row));
            return rows.map(ClassResponse::id);
        });
        return ids.mapItems(kept -> details(kept, fresh));
    }

    /** Drops the cached detail of a class (its spots, rating or data changed). */
    void classChanged(long id) {
        cache.invalidate(DETAILS, Long.toString(id));
    }

    /** Drops the cached details of many classes at once (their ratings were recomputed). */
    void classesChanged(java.util.Collection<Long> ids) {
        cache.invalidateAll(DETAILS, ids.stream().map(String::valueOf).toList());
    }

    /** Drops every cached listing: a new class may belong to any of them. */
    void classPublished() {
        cache.invalidateNamespace(LISTINGS, "all");
    }

    private List<ClassResponse> details(List<Long> ids, Map<Long, ClassResponse> fresh) {
        List<String> missing = new ArrayList<>();
        for (Long id : ids) {
            if (!fresh.containsKey(id)) {
                missing.add(Long.toString(id));
            }
        }
        Map<String, ClassResponse> cached = missing.isEmpty() ? Map.of()
                : cache.getAll(DETAILS, missing, ClassResponse.class, keys -> {
                    Map<String, ClassResponse> loaded = new HashMap<>();
                    queries.findAll(keys.stream().map(Long::valueOf).toList())
                            .forEach(row -> loaded.put(Long.toString(row.id()), row));
                    return loaded;
                });
        List<ClassResponse> page = new ArrayList<>(ids.size());
        for (Long id : ids) {
            ClassResponse row = fresh.containsKey(id) ? fresh.get(id) : cached.get(Long.toString(id));
            if (row != null) {
                page.add(row);
            }
        }
        return page;
    }

    private static String keyOf(ClassFilter filter, PageQuery page) {
        String text = filter.from() + "|" + filter.to() + "|" + filter.providerId() + "|" + filter.type() + "|"
                + (filter.city() == null ? null : filter.city().toLowerCase(java.util.Locale.ROOT)) + "|"
                + page.cursor() + "|" + page.limit();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
