package vn.lgsp.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.restassured.RestAssured;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.embedded.EmbeddedPostgresServer;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Operators' report queries over a growing ledger: seeds synthetic transactions over the last 30
 * days (skewed over 600 consumer/provider/service pairs, 2% failures) in the same shape the
 * writer leaves (detail rows plus hourly and daily rollups; past days' partitions unlogged so
 * seeding is faster), and at each checkpoint (1, 10 and 100 million
 * rows by default) times the reports through the hub's HTTP API as an operator would call them.
 * Run with {@code bench/reports.sh}.
 */
public final class ReportsBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 2_000_000;
    private static final int SAMPLES = 9;
    /** The hub's default reports time zone: the daily rollups' days. */
    private static final String ZONE = "Asia/Ho_Chi_Minh";
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyyMMdd");

    record Timing(String query, long rows, double medianMs, double maxMs) {
    }

    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        long[] checkpoints = Arrays.stream(System.getProperty("reports.rows", "1000000,10000000,100000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        Path out = Path.of(System.getProperty("bench.out", "bench/results"));
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("lgsp-reports");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<Timing> timings = new ArrayList<>();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0);
             EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            int port = FreePort.find();
            Map<String, String> settings = Map.of(
                    "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                    "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                    "quarkus.log.level", "WARN");
            try (HubProcess hub = HubProcess.start(port, settings, out.resolve("reports-hub.log"));
                 Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "")) {
                RestAssured.port = port;
                registerProviders();
                prepare(db);
                long seeded = 0;
                for (long target : checkpoints) {
                    long started = System.nanoTime();
                    while (seeded < target) {
                        long n = Math.min(CHUNK, target - seeded);
                        seedChunk(db, seeded + 1, seeded + n);
                        seeded += n;
                    }
                    try (Statement vacuum = db.createStatement()) {
                        vacuum.execute("VACUUM ANALYZE ledger_entry");
                        vacuum.execute("VACUUM ANALYZE ledger_hourly");
                        vacuum.execute("VACUUM ANALYZE ledger_daily");
                    }
                    System.out.printf(Locale.ROOT, "%,d rows seeded (%.0f s for this step); timing reports%n", seeded,
                            (System.nanoTime() - started) / 1e9);
                    timings.addAll(timeReports(port, seeded));
                }
            }
        }
        report(timings, out);
    }

    /** The 36 listed systems as active providers, so the connection report has its real work to do. */
    private static void registerProviders() {
        for (int i = 0; i < 36; i++) {
            Map<String, Object> system = Api.system(provider(i));
            system.put("catalogueId", i < 24 ? String.format(Locale.ROOT, "C%02d", i + 1) : String.format(Locale.ROOT, "P%02d", i - 23));
            Api.registerSystem(system);
            Api.systemAction(provider(i), "submit");
            Api.systemAction(provider(i), "approve");
        }
    }

    private static String provider(int i) {
        return String.format(Locale.ROOT, "provider-%02d", i);
    }

    private static void prepare(Connection db) throws Exception {
        try (Statement sql = db.createStatement()) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (LocalDate day = today.minusDays(31); !day.isAfter(today); day = day.plusDays(1)) {
                // Unlogged past days: seeding writes no WAL, which halves its time; reads are the same.
                sql.execute("CREATE UNLOGGED TABLE IF NOT EXISTS ledger_entry_" + PARTITION.format(day) + " PARTITION OF ledger_entry "
                        + "FOR VALUES FROM ('" + day + "') TO ('" + day.plusDays(1) + "')");
            }
            sql.execute("SET synchronous_commit = off");
            sql.execute("CREATE UNLOGGED TABLE seed_chunk (g bigint, t timestamptz, p text, c text, s text, st int, d bigint, b int)");
        }
    }

    /** One chunk: generated once into a scratch table, then written as detail rows and added to the rollups. */
    private static void seedChunk(Connection db, long first, long last) throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("TRUNCATE seed_chunk");
        }
        try (PreparedStatement generate = db.prepareStatement("INSERT INTO seed_chunk SELECT g, t, "
                + "'provider-' || lpad((k % 36)::text, 2, '0'), 'consumer-' || lpad(((k / 36) % 60)::text, 2, '0'), "
                + "'service-' || (k % 3), CASE WHEN r < 0.98 THEN 200 WHEN r < 0.995 THEN 404 ELSE 503 END, d, "
                + "least(31, floor(log(2, greatest(1, d)::numeric)))::int FROM (SELECT g, "
                + "now() - random() * interval '30 days' AS t, floor(power(random(), 2) * 600)::int AS k, random() AS r, "
                + "(500 + power(random(), 3) * 200000)::bigint AS d FROM generate_series(?::bigint, ?::bigint) g) x")) {
            generate.setLong(1, first);
            generate.setLong(2, last);
            generate.execute();
        }
        StringJoiner buckets = new StringJoiner(", ", "ARRAY[", "]");
        for (int b = 0; b < 32; b++) {
            buckets.add("count(*) FILTER (WHERE b = " + b + ")");
        }
        try (Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO ledger_entry (received_day, consumer_code, transaction_id, received_at, provider_code, "
                    + "service_code, service_version, connector_type, http_method, path_pattern, request_out_at, response_in_at, "
                    + "response_out_at, duration_us, request_bytes, response_bytes, status_code, success, error_code, hub_instance) "
                    + "SELECT (t AT TIME ZONE 'UTC')::date, c, 'seed-' || g, t, p, s, '1.0', 'http', 'GET', '/records/{id}', t, "
                    + "t + d * interval '1 microsecond', t + d * interval '1 microsecond', d, 320, 1400, st, st < 400, "
                    + "CASE WHEN st >= 400 THEN 'provider-status' END, 'bench-seed' FROM seed_chunk");
            sql.execute(rollup("ledger_hourly", "hour", "date_trunc('hour', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'", buckets.toString()));
            sql.execute(rollup("ledger_daily", "day", "(t AT TIME ZONE '" + ZONE + "')::date", buckets.toString()));
        }
    }

    /** The chunk added to a rollup table exactly as the writer's upsert does. */
    private static String rollup(String table, String periodColumn, String period, String buckets) {
        return "INSERT INTO " + table + " (" + periodColumn + ", provider_code, consumer_code, service_code, status_class, imported, "
                + "slot, transactions, failures, duration_us_sum, duration_us_max, request_bytes, response_bytes, latency_buckets) "
                + "SELECT " + period + ", p, c, s, st / 100, false, 0, count(*), count(*) FILTER (WHERE st >= 400), sum(d), max(d), "
                + "320 * count(*), 1400 * count(*), " + buckets + " FROM seed_chunk GROUP BY 1, 2, 3, 4, 5 "
                + "ON CONFLICT (" + periodColumn + ", provider_code, consumer_code, service_code, status_class, imported, slot) DO UPDATE SET "
                + "transactions = " + table + ".transactions + EXCLUDED.transactions, "
                + "failures = " + table + ".failures + EXCLUDED.failures, "
                + "duration_us_sum = " + table + ".duration_us_sum + EXCLUDED.duration_us_sum, "
                + "duration_us_max = greatest(" + table + ".duration_us_max, EXCLUDED.duration_us_max), "
                + "request_bytes = " + table + ".request_bytes + EXCLUDED.request_bytes, "
                + "response_bytes = " + table + ".response_bytes + EXCLUDED.response_bytes, "
                + "latency_buckets = lgsp_add_buckets(" + table + ".latency_buckets, EXCLUDED.latency_buckets)";
    }

    private static List<Timing> timeReports(int port, long rows) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String month = "from=" + today.minusDays(30) + "&to=" + today.plusDays(1);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("volume by provider per day, 30 days", "/api/v1/reports/volume?" + month + "&groupBy=provider&interval=day");
        queries.put("volume by provider+consumer, 30 days", "/api/v1/reports/volume?" + month + "&groupBy=provider,consumer&interval=none");
        queries.put("latency by service, 30 days", "/api/v1/reports/latency?" + month);
        queries.put("totals (today, month, all time)", "/api/v1/reports/totals");
        queries.put("connection report", "/api/v1/reports/connections");
        queries.put("transaction search, 1 provider, 1 day, page 1", "/api/v1/transactions?provider=provider-07&from="
                + today.minusDays(3) + "&to=" + today.minusDays(2) + "&size=50");
        HttpClient client = HttpClient.newHttpClient();
        List<Timing> timings = new ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query.getValue()))
                    .header("Authorization", "Bearer " + Role.OPERATOR.token()).header("Accept", "application/json").build();
            double[] ms = new double[SAMPLES];
            for (int i = -1; i < SAMPLES; i++) {
                long started = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                double elapsed = (System.nanoTime() - started) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query.getKey() + ": HTTP " + response.statusCode() + " " + response.body());
                }
                if (i >= 0) {
                    ms[i] = elapsed;
                } else if (query.getValue().contains("groupBy=provider&interval=day")) {
                    long reported = JSON.readTree(response.body()).at("/totals/transactions").asLong();
                    if (reported != rows) {
                        throw new IllegalStateException("the month's volume reads " + reported + " transactions, the ledger holds " + rows);
                    }
                }
            }
            Arrays.sort(ms);
            Timing timing = new Timing(query.getKey(), rows, round(ms[SAMPLES / 2]), round(ms[SAMPLES - 1]));
            System.out.printf(Locale.ROOT, "  %-48s median %8.1f ms   max %8.1f ms%n", timing.query(), timing.medianMs(), timing.maxMs());
            timings.add(timing);
        }
        return timings;
    }

    private static void report(List<Timing> timings, Path out) throws Exception {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-48s %14s %11s %9s%n", "query", "ledger rows",
                "median ms", "max ms"));
        for (Timing t : timings) {
            table.append(String.format(Locale.ROOT, "%-48s %,14d %11.1f %9.1f%n", t.query(), t.rows(), t.medianMs(), t.maxMs()));
        }
        System.out.println();
        System.out.print(table);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("reports-" + stamp + ".json").toFile(), Map.of("when", stamp, "timings", timings));
        Files.writeString(out.resolve("reports-latest.txt"), table.toString());
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
