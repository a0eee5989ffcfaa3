package app.fitsocial.platform.changes;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The names of the schema's tables, read once the schema is migrated. Until then it is empty and
 * statements are not attributed to tables (nothing derived exists before the service is ready).
 */
class KnownTables {

    private volatile Set<String> names = Set.of();

    Set<String> names() {
        return names;
    }

    void load(JdbcClient jdbc) {
        // the job queue's own tables change on every poll and no response is derived from them
        names = Set.copyOf(jdbc.sql("""
                SELECT tablename FROM pg_tables
                WHERE schemaname = current_schema() AND tablename NOT LIKE 'jobrunr\\_%'""")
                .query(String.class).list());
    }
}
