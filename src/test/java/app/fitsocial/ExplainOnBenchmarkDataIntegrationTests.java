package app.fitsocial;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot queries of the benchmark workload use their indexes on the S reference data set, with
 * the planner's real statistics (no hints): a database of its own is migrated, loaded with the
 * benchmark's generator and analysed, then each query shape of {@link ExplainPlanIntegrationTests}
 * is explained with the parameters of a typical user, class and group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainOnBenchmarkDataIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private JdbcConnectionDetails connection;

    private final String database = "explain_s_" + UUID.randomUUID().toString().substring(0, 8);
    private String url;

    private Connection open(String url) throws Exception {
        return DriverManager.getConnection(url, connection.getUsername(), connection.getPassword());
    }

    @BeforeAll
    void loadTheSmallDataSet() throws Exception {
        try (Connection admin = open(connection.getJdbcUrl()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        url = connection.getJdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
        Flyway.configure().dataSource(url, connection.getUsername(), connection.getPassword()).load().migrate();
        try (Connection db = open(url)) {
            BenchmarkDataSet.load(db, BenchmarkDataSet.SMALL);
            try (Statement statement = db.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
    }

    @AfterAll
    void dropIt() throws Exception {
        try (Connection admin = open(connection.getJdbcUrl()); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /**
     * Shapes left out here, and why; {@link ExplainPlanIntegrationTests} still checks that they can
     * use their index.
     */
    static final Map<String, String> NOT_ON_THIS_DATA = Map.of(
            "my notifications", "the generator writes no notifications (the service creates them from events)",
            "partners sharing an interest", "each interest is shared by about a sixth of all users, so a scan that stops at "
                    + "the 300th match reads fewer pages than the index: the planner is right");

    /** Parameters of a typical user, class, provider and group of the S data set, not its most popular ones. */
    static final Map<String, Object> TYPICAL = Map.of("u", 1000L, "c", 1000L, "p", 25L, "g", 50L);

    static List<ExplainPlanIntegrationTests.Shape> shapes() {
        return ExplainPlanIntegrationTests.shapes().stream().filter(s -> !NOT_ON_THIS_DATA.containsKey(s.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void hotQueryUsesItsIndexOnTheSmallDataSet(ExplainPlanIntegrationTests.Shape shape) throws Exception {
        String sql = shape.sql();
        for (var param : shape.params().entrySet()) {
            Object value = TYPICAL.getOrDefault(param.getKey(), param.getValue());
            sql = sql.replace(":" + param.getKey(), value instanceof String text ? "'" + text + "'" : value.toString());
        }
        List<String> plan = new ArrayList<>();
        try (Connection db = open(url); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                plan.add(rows.getString(1));
            }
        }
        // the planner may pick another index than the one the shape was written for (a unique one
        // covering the same columns, the primary key for a popular author's dense posts): any
        // index will do here, a scan of the table will not
        assertThat(String.join("\n", plan)).as(shape.name()).containsPattern("Index (Only )?Scan|Bitmap Index Scan")
                .doesNotContain("Seq Scan on");
    }
}
