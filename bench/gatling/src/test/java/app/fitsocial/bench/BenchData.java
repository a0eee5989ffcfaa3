package app.fitsocial.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the workload draws from, prepared before the measured phase: the generated data set's
 * ids (read from PostgreSQL) and access tokens for a set of client users (logged in through the
 * API). Users, classes, providers and cities are drawn from a Zipf distribution over their ids
 * in order (rank r drawn with probability proportional to 1/r^s, s = {@code bench.zipf}, 1.0):
 * low ids are the generator's popular users and classes.
 */
final class BenchData {

    static final String PASSWORD = "fitsocial-bench";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    /** A logged-in client user, with the past classes it booked and has not reviewed yet. */
    record Client(long id, String token, List<Long> reviewable) {
    }

    final List<Client> clients;
    final long[] users;
    final long[] upcomingClasses;
    final long[] classes;
    final long[] providers;
    final List<String> cities;
    /** Per client: the last (path, ETag) pairs it saw, for revalidations. */
    final Map<Long, String[]> lastValidator = new ConcurrentHashMap<>();
    /** Per client: a booking it made during the run, which its next booking request cancels. */
    final Map<Long, Long> openBooking = new ConcurrentHashMap<>();

    private BenchData(List<Client> clients, long[] users, long[] upcomingClasses, long[] classes, long[] providers,
            List<String> cities) {
        this.clients = clients;
        this.users = users;
        this.upcomingClasses = upcomingClasses;
        this.classes = classes;
        this.providers = providers;
        this.cities = cities;
    }

    static final double EXPONENT = Double.parseDouble(System.getProperty("bench.zipf", "1.0"));
    private static final Map<Integer, double[]> CUMULATIVE = new ConcurrentHashMap<>();

    /** A Zipf-distributed rank in [0, n): binary search in the cumulative distribution (computed once per n). */
    static int zipfRank(int n) {
        double[] cumulative = CUMULATIVE.computeIfAbsent(n, size -> {
            double[] c = new double[size];
            double sum = 0;
            for (int rank = 0; rank < size; rank++) {
                sum += 1 / Math.pow(rank + 1, EXPONENT);
                c[rank] = sum;
            }
            for (int rank = 0; rank < size; rank++) {
                c[rank] /= sum;
            }
            return c;
        });
        int found = java.util.Arrays.binarySearch(cumulative, ThreadLocalRandom.current().nextDouble());
        return Math.min(n - 1, found >= 0 ? found : -found - 1);
    }

    static long zipf(long[] items) {
        return items[zipfRank(items.length)];
    }

    static <T> T zipf(List<T> items) {
        return items.get(zipfRank(items.size()));
    }

    Client anyClient() {
        return zipf(clients);
    }

    static BenchData load(String jdbcUrl, String baseUrl, int clientCount, long seed) throws Exception {
        long[] users;
        long[] upcoming;
        long[] classes;
        long[] providers;
        List<String> cities;
        Map<Long, List<Long>> reviewable = new HashMap<>();
        List<Long> chosen = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            users = ids(db, "SELECT id FROM users WHERE email LIKE '%@bench.fitsocial.app' ORDER BY id");
            classes = ids(db, "SELECT id FROM fitness_classes WHERE title LIKE 'Bench Class %' ORDER BY id");
            upcoming = ids(db, """
                    SELECT id FROM fitness_classes WHERE title LIKE 'Bench Class %' AND datetime > now() + interval '1 day'
                    ORDER BY id""");
            providers = ids(db, "SELECT id FROM providers WHERE name LIKE 'Bench Studio %' ORDER BY id");
            cities = new ArrayList<>();
            try (Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT DISTINCT city FROM providers ORDER BY city")) {
                while (rows.next()) {
                    cities.add(rows.getString(1));
                }
            }
            if (users.length < clientCount) {
                throw new IllegalStateException("The data set has " + users.length + " bench users, fewer than "
                        + clientCount + " clients: generate it with bench/generate.sh");
            }
            // the clients: active users are spread over the whole population, popular or not
            Random random = new Random(seed);
            while (chosen.size() < clientCount) {
                long user = users[random.nextInt(users.length)];
                if (!chosen.contains(user)) {
                    chosen.add(user);
                }
            }
            try (var statement = db.prepareStatement("""
                    SELECT b.user_id, b.class_id FROM bookings b
                    WHERE b.user_id = ANY(?) AND b.class_datetime < now()
                      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.user_id = b.user_id AND r.class_id = b.class_id)""")) {
                statement.setArray(1, db.createArrayOf("bigint", chosen.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reviewable.computeIfAbsent(rows.getLong(1), u -> new ArrayList<>()).add(rows.getLong(2));
                    }
                }
            }
            Map<Long, String> emails = new HashMap<>();
            try (var statement = db.prepareStatement("SELECT id, email FROM users WHERE id = ANY(?)")) {
                statement.setArray(1, db.createArrayOf("bigint", chosen.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        emails.put(rows.getLong(1), rows.getString(2));
                    }
                }
            }
            List<Client> clients = login(baseUrl, chosen, emails, reviewable);
            return new BenchData(clients, users, upcoming, classes, providers, cities);
        }
    }

    private static List<Client> login(String baseUrl, List<Long> chosen, Map<Long, String> emails,
            Map<Long, List<Long>> reviewable) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Client>> logins = new ArrayList<>();
            for (long user : chosen) {
                logins.add(pool.submit(() -> {
                    String body = "{\"email\":\"" + emails.get(user) + "\",\"password\":\"" + PASSWORD + "\"}";
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Matcher token = ACCESS_TOKEN.matcher(response.body());
                    if (response.statusCode() != 200 || !token.find()) {
                        throw new IllegalStateException("Login of user " + user + " failed: " + response.statusCode()
                                + " " + response.body());
                    }
                    return new Client(user, token.group(1), new ArrayList<>(reviewable.getOrDefault(user, List.of())));
                }));
            }
            List<Client> clients = new ArrayList<>();
            for (Future<Client> login : logins) {
                clients.add(login.get());
            }
            return clients;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static long[] ids(Connection db, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
