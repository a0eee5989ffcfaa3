package app.fitsocial.classes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.versions.Versions;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;

/**
 * Classes through the caches, and the versions that keep them exact.
 * <ul>
 * <li>{@code class-details}: one class with its spots left and rating, at the version of its row
 * ({@code class:<id>}), raised by every booking, cancellation and rating recomputation.</li>
 * <li>{@code class-listings}: a page of class ids for one filter, valid while the collection it was
 * read from keeps its version: the provider's classes ({@code classes:provider:<id>}) when the
 * listing filters by provider, else the city's ({@code classes:city:<name>}), else all
 * ({@code classes:all}); publishing a class raises all three. Items come from the details.</li>
 * </ul>
 * A booking thus changes one detail entry, not every listing that shows the class.
 */
@Component
class ClassCache {

    static final String DETAILS = "class-details";
    static final String LISTINGS = "class-listings";

    private static final ParameterizedTypeReference<CursorPage<Long>> ID_PAGE = new ParameterizedTypeReference<>() {
    };

    private final CacheService cache;
    private final ClassQueries queries;
    private final Versions versions;

    ClassCache(CacheService cache, ClassQueries queries, Versions versions) {
        this.cache = cache;
        this.queries = queries;
        this.versions = versions;
    }

    Optional<Versioned<ClassResponse>> find(long id) {
        return Optional.ofNullable(cache.get(DETAILS, Long.toString(id), resource(id), ClassResponse.class,
                () -> queries.find(id).orElse(null)));
    }

    CursorPage<ClassResponse> list(ClassFilter filter, PageQuery page) {
        Map<Long, ClassResponse> fresh = new HashMap<>();
        CursorPage<Long> ids = cache.getInCollection(LISTINGS, keyOf(filter, page), collectionOf(filter), ID_PAGE.getType(),
                () -> {
                    CursorPage<Versioned<ClassResponse>> rows = queries.list(filter, page);
                    rows.items().forEach(row -> fresh.put(row.value().id(), row.value()));
                    return rows.map(row -> row.value().id());
                });
        return ids.mapItems(kept -> details(kept, fresh));
    }

    /** States that a class now has {@code version} (its spots, rating or data changed); after the commit. */
    void changed(long id, long version) {
        versions.changed(resource(id), version);
    }

    /** States that a new class may belong to the listings of its provider, its city and all classes; after the commit. */
    void published(long providerId, String city) {
        versions.changed(ALL);
        versions.changed(PROVIDER + providerId);
        versions.changed(CITY + city.toLowerCase(Locale.ROOT));
    }

    static String resource(long id) {
        return "class:" + id;
    }

    private static final String ALL = "classes:all";
    private static final String PROVIDER = "classes:provider:";
    private static final String CITY = "classes:city:";

    /** The collection a listing is read from: the narrowest one every class it could show belongs to. */
    private static String collectionOf(ClassFilter filter) {
        if (filter.providerId() != null) {
            return PROVIDER + filter.providerId();
        }
        return filter.city() != null ? CITY + filter.city().toLowerCase(Locale.ROOT) : ALL;
    }

    private List<ClassResponse> details(List<Long> ids, Map<Long, ClassResponse> fresh) {
        List<String> missing = new ArrayList<>();
        for (Long id : ids) {
            if (!fresh.containsKey(id)) {
                missing.add(Long.toString(id));
            }
        }
        Map<String, Versioned<ClassResponse>> cached = missing.isEmpty() ? Map.of()
                : cache.getAll(DETAILS, missing, key -> "class:" + key, ClassResponse.class, keys -> {
                    Map<String, Versioned<ClassResponse>> loaded = new HashMap<>();
                    queries.findAll(keys.stream().map(Long::valueOf).toList())
                            .forEach(row -> loaded.put(Long.toString(row.value().id()), row));
                    return loaded;
                });
        List<ClassResponse> page = new ArrayList<>(ids.size());
        for (Long id : ids) {
            ClassResponse row = fresh.get(id);
            if (row == null) {
                Versioned<ClassResponse> found = cached.get(Long.toString(id));
                row = found == null ? null : found.value();
            }
            if (row != null) {
                page.add(row);
            }
        }
        return page;
    }

    private static String keyOf(ClassFilter filter, PageQuery page) {
        String text = filter.from() + "|" + filter.to() + "|" + filter.providerId() + "|" + filter.type() + "|"
                + (filter.city() == null ? null : filter.city().toLowerCase(Locale.ROOT)) + "|"
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
