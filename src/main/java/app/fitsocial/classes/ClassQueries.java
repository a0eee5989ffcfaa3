package app.fitsocial.classes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;

/**
 * The read side of classes and providers: each listing or detail is one SQL statement
 * (classes joined with their provider), keyset-paginated on {@code (datetime, id)}.
 */
@Component
@Transactional(readOnly = true)
class ClassQueries {

    private static final String CLASS_COLUMNS = """
            SELECT c.id, c.title, c.type, c.datetime, c.duration_minutes, c.capacity, c.booked_count, c.city,
                   c.rating_average, c.rating_count, c.updated_at, c.version, p.id AS provider_id, p.name AS provider_name
            FROM fitness_classes c JOIN providers p ON p.id = c.provider_id
            """;

    private final JdbcClient jdbc;

    ClassQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    CursorPage<Versioned<ClassResponse>> list(ClassFilter filter, PageQuery page) {
        StringBuilder sql = new StringBuilder(CLASS_COLUMNS).append(" WHERE c.datetime >= :from");
        var params = new java.util.HashMap<String, Object>();
        params.put("from", utc(filter.from()));
        if (filter.to() != null) {
            sql.append(" AND c.datetime < :to");
            params.put("to", utc(filter.to()));
        }
        if (filter.providerId() != null) {
            sql.append(" AND c.provider_id = :provider");
            params.put("provider", filter.providerId());
        }
        if (filter.type() != null) {
            sql.append(" AND c.type = :type");
            params.put("type", filter.type().name());
        }
        if (filter.city() != null) {
            sql.append(" AND search_key(c.city) = search_key(:city)");
            params.put("city", filter.city());
        }
        if (page.cursor() != null) {
            Cursor.TimeId after = Cursor.decodeTime(page.cursor());
            sql.append(" AND (c.datetime, c.id) > (:afterTime, :afterId)");
            params.put("afterTime", utc(after.time()));
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY c.datetime, c.id LIMIT :limit");
        params.put("limit", page.fetchSize());
        List<Versioned<ClassResponse>> rows = jdbc.sql(sql.toString()).params(params).query(ClassQueries::toClass).list();
        return CursorPage.of(rows, page, row -> Cursor.ofTime(row.value().datetime(), row.value().id()));
    }

    /** The classes with the given ids that exist, at their versions, in one statement. */
    List<Versioned<ClassResponse>> findAll(java.util.Collection<Long> ids) {
        return jdbc.sql(CLASS_COLUMNS + " WHERE c.id = ANY(:ids)").param("ids", ids.toArray(Long[]::new))
                .query(ClassQueries::toClass).list();
    }

    Optional<Versioned<ClassResponse>> find(long id) {
        return jdbc.sql(CLASS_COLUMNS + " WHERE c.id = :id").param("id", id).query(ClassQueries::toClass).optional();
    }

    CursorPage<ProviderResponse> providers(@Nullable String city, PageQuery page) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, name, city, rating_average, rating_count, version FROM providers WHERE true");
        var params = new java.util.HashMap<String, Object>();
        if (city != null) {
            sql.append(" AND search_key(city) = search_key(:city)");
            params.put("city", city);
        }
        if (page.cursor() != null) {
            sql.append(" AND id > :afterId");
            params.put("afterId", Cursor.decodeId(page.cursor()));
        }
        sql.append(" ORDER BY id LIMIT :limit");
        params.put("limit", page.fetchSize());
        List<ProviderResponse> rows = jdbc.sql(sql.toString()).params(params).query(ClassQueries::toProvider).list()
                .stream().map(Versioned::value).toList();
        return CursorPage.of(rows, page, row -> Cursor.ofId(row.id()));
    }

    Optional<Versioned<ProviderResponse>> provider(long id) {
        return jdbc.sql("SELECT id, name, city, rating_average, rating_count, version FROM providers WHERE id = :id")
                .param("id", id).query(ClassQueries::toProvider).optional();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Versioned<ClassResponse> toClass(ResultSet rs, int row) throws SQLException {
        int capacity = rs.getInt("capacity");
        return new Versioned<>(new ClassResponse(rs.getLong("id"), rs.getString("title"),
                ClassType.valueOf(rs.getString("type")),
                new ClassResponse.ProviderRef(rs.getLong("provider_id"), rs.getString("provider_name")),
                instant(rs, "datetime"), rs.getInt("duration_minutes"), capacity, capacity - rs.getInt("booked_count"),
                rs.getString("city"), rs.getBigDecimal("rating_average"), rs.getLong("rating_count"),
                instant(rs, "updated_at")), rs.getLong("version"));
    }

    private static Versioned<ProviderResponse> toProvider(ResultSet rs, int row) throws SQLException {
        return new Versioned<>(new ProviderResponse(rs.getLong("id"), rs.getString("name"), rs.getString("city"),
                rs.getBigDecimal("rating_average"), rs.getLong("rating_count")), rs.getLong("version"));
    }
}
