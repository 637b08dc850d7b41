package vn.lgsp.hub.testing;

import io.restassured.RestAssured;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.embedded.EmbeddedPostgresServer;
import vn.lgsp.hub.embedded.FreePort;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every process test (and the benchmarks) sets up around the packaged hub: a real
 * PostgreSQL and a real Kafka broker, each on a fixed port and data directory so a test can stop
 * and restart it; a provider stub; hub processes sharing them (optionally behind a round-robin
 * balancer); and a provider system, a consumer system and the grants between them.
 */
public final class ProcessTestBed implements AutoCloseable {

    public static final String CONSUMER_HEADER = ProviderFixture.CONSUMER_HEADER;
    private static final Buffer OK = Buffer.buffer("{\"ok\":true}");

    private final String name;
    private final Path dir;
    private final int postgresPort = FreePort.find();
    private final int kafkaPort = FreePort.find();
    private final Map<String, String> settings;
    private final Vertx vertx = Vertx.vertx();
    private final List<HubProcess> hubs = new CopyOnWriteArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private HttpServer stub;
    private RoundRobinBalancer balancer;
    private String provider;
    private String consumer;

    private ProcessTestBed(String name, Map<String, String> extra) throws IOException {
        this.name = name;
        this.dir = Files.createTempDirectory("lgsp-" + name);
        startPostgres();
        startKafka();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        settings = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.sharing.trusted-consumer-header", CONSUMER_HEADER));
        settings.putAll(extra);
    }

    /** Starts PostgreSQL and Kafka; {@code settings} are added to every hub's. Hub logs go to target/hub-process-{name}.log. */
    public static ProcessTestBed start(String name, Map<String, String> settings) throws IOException {
        return new ProcessTestBed(name, settings);
    }

    public static ProcessTestBed start(String name) throws IOException {
        return start(name, Map.of());
    }

    // ---- infrastructure -------------------------------------------------------------------

    /** Starts (or restarts, on the same port and data) PostgreSQL. */
    public void startPostgres() {
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), postgresPort);
    }

    public void stopPostgres() {
        postgres.close();
        postgres = null;
    }

    /**
     * Freezes PostgreSQL (SIGSTOP to the postmaster and every backend): connections stay open and
     * nothing answers, as on a hung server or a stalled disk.
     */
    public void freezePostgres() throws IOException, InterruptedException {
        signalPostgres("-STOP");
    }

    /** Thaws a frozen PostgreSQL (SIGCONT): the work it held resumes. */
    public void thawPostgres() throws IOException, InterruptedException {
        signalPostgres("-CONT");
    }

    private void signalPostgres(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid")).get(0).strip());
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> command.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill " + signal + " PostgreSQL");
    }

    /** Starts (or restarts, on the same port and data) the Kafka broker. */
    public void startKafka() {
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
    }

    public void stopKafka() {
        kafka.close();
        kafka = null;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public Vertx vertx() {
        return vertx;
    }

    // ---- the provider stub ----------------------------------------------------------------

    /** Starts the provider stub with {@code handler}; without this call it answers {@code {"ok":true}}. */
    public ProcessTestBed stub(Handler<HttpServerRequest> handler) throws Exception {
        if (stub != null) {
            throw new IllegalStateException("the stub is already running");
        }
        // Lean on purpose (answers from memory, keeps nothing) so floods and soaks measure the hub.
        stub = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(handler)
                .listen().toCompletionStage().toCompletableFuture().get();
        return this;
    }

    public URI stubUri(String path) throws Exception {
        if (stub == null) {
            stub(request -> request.response().putHeader("Content-Type", "application/json").end(OK));
        }
        return URI.create("http://127.0.0.1:" + stub.actualPort() + path);
    }

    // ---- hubs -----------------------------------------------------------------------------

    /** Starts a hub named {@code instance} on a free port and waits until it is ready. */
    public HubProcess startHub(String instance) throws IOException {
        return startHub(instance, FreePort.find(), Map.of());
    }

    /** Starts a hub on {@code port} with {@code overrides} on top of the bed's settings. */
    public HubProcess startHub(String instance, int port, Map<String, String> overrides) throws IOException {
        Map<String, String> own = new HashMap<>(settings);
        own.put("lgsp.instance", instance);
        own.putAll(overrides);
        HubProcess hub = HubProcess.start(port, own, Path.of("target", "hub-process-" + name + ".log"));
        hubs.add(hub);
        return hub;
    }

    public HubProcess hub(int index) {
        return hubs.get(index);
    }

    /** The running hubs, in start order. */
    public List<HubProcess> hubs() {
        return hubs.stream().filter(HubProcess::alive).toList();
    }

    /** Puts a round-robin balancer in front of the running hubs; the API helpers then go through it. */
    public RoundRobinBalancer balance() throws Exception {
        balancer = new RoundRobinBalancer(vertx, hubs().stream().map(HubProcess::port).toList());
        return balancer;
    }

    /** Takes {@code hub} out of the balancer and stops it gracefully (SIGTERM); returns its exit code. */
    public int leave(HubProcess hub) throws InterruptedException {
        if (balancer != null) {
            balancer.remove(hub.port());
        }
        return hub.terminate();
    }

    /** Where callers go in: the balancer if there is one, otherwise the first running hub. */
    private int entryPort() {
        return balancer != null ? balancer.port() : hubs().get(0).port();
    }

    // ---- systems and grants ---------------------------------------------------------------

    /**
     * Publishes {@code service} (every GET path) on the provider, on an endpoint pointing at the
     * stub, and grants it to the consumer with {@code terms} (e.g. {@code requestsPerDay});
     * registers both systems the first time. Returns the grant id.
     */
    public String share(String service, Map<String, Object> terms) throws Exception {
        RestAssured.port = entryPort();
        if (provider == null) {
            provider = Api.activeSystem(Api.uniqueCode(name + "-provider"));
            consumer = Api.activeSystem(Api.uniqueCode(name + "-consumer"));
            Api.addEndpoint(provider, Api.httpEndpoint("main", stubUri("/api").toString()));
        }
        Map<String, Object> definition = Api.restService(service, "main");
        definition.put("pathPattern", "/**");
        Api.publish(provider, definition);
        return Api.grant(consumer, provider, service, terms);
    }

    public String share(String service) throws Exception {
        return share(service, Map.of());
    }

    public String provider() {
        return provider;
    }

    public String consumer() {
        return consumer;
    }

    /** The sharing URL of {@code path} below {@code service}, called on {@code port}. */
    public URI shareUri(int port, String service, String path) {
        return URI.create("http://127.0.0.1:" + port + "/share/" + provider + "/" + service + path);
    }

    // ---- the database, read as a test ------------------------------------------------------

    /** A new JDBC connection to the hub's database; the caller closes it. */
    public Connection db() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
    }

    /** The single number {@code sql} answers, with {@code params} bound in order (a {@code String[]} as a text array). */
    public long scalar(String sql, Object... params) throws SQLException {
        return single(sql, params, rs -> rs.getLong(1));
    }

    /** The single text {@code sql} answers (null for SQL NULL), with {@code params} bound as for {@link #scalar}. */
    public String text(String sql, Object... params) throws SQLException {
        return single(sql, params, rs -> rs.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T single(String sql, Object[] params, Column<T> column) throws SQLException {
        try (Connection db = db(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i] instanceof String[] texts ? db.createArrayOf("text", texts) : params[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return column.read(rs);
            }
        }
    }

    /** Asserts that each of {@code answered} (transaction ids) is in the ledger, and no transaction of the consumer twice. */
    public void assertRecordedOnce(Set<String> answered) throws SQLException {
        Set<String> recorded = new HashSet<>();
        try (Connection db = db();
             PreparedStatement query = db.prepareStatement("SELECT transaction_id, count(*) OVER (PARTITION BY transaction_id) "
                     + "FROM ledger_entry WHERE consumer_code = ?")) {
            query.setString(1, consumer);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    assertEquals(1, rs.getInt(2), "recorded twice: " + rs.getString(1));
                    recorded.add(rs.getString(1));
                }
            }
        }
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(recorded);
        assertTrue(missing.isEmpty(), missing.size() + " answered calls missing from the ledger, e.g. "
                + missing.stream().limit(3).toList());
    }

    /**
     * Asserts the ledger's fail-closed promise: each of {@code forwarded} (transaction ids the
     * provider saw) had its request record committed, hence is in the ledger.
     */
    public void assertNothingForwardedUnrecorded(Set<String> forwarded) throws SQLException {
        Set<String> recorded = new HashSet<>();
        try (Connection db = db();
             PreparedStatement query = db.prepareStatement("SELECT transaction_id FROM ledger_request WHERE consumer_code = ?")) {
            query.setString(1, consumer);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    recorded.add(rs.getString(1));
                }
            }
        }
        Set<String> unrecorded = new HashSet<>(forwarded);
        unrecorded.removeAll(recorded);
        assertTrue(unrecorded.isEmpty(), unrecorded.size() + " of " + forwarded.size() + " calls reached the provider without a "
                + "request record, e.g. " + unrecorded.stream().limit(3).toList());
    }

    /**
     * Asserts the message log's promise once the hub caught up (its writer retries after an
     * outage): each of {@code answered} has exactly one record, and every instance's chain has
     * no gap (records 1 to n, n of them).
     */
    public void assertLoggedOnce(Set<String> answered) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> logged = new HashSet<>();
            try (Connection db = db();
                 PreparedStatement query = db.prepareStatement("SELECT transaction_id, count(*) OVER (PARTITION BY transaction_id) "
                         + "FROM message_log WHERE record LIKE ?");
                 PreparedStatement gaps = db.prepareStatement("SELECT hub_instance, count(*), max(seq) FROM message_log GROUP BY hub_instance")) {
                query.setString(1, "%\"consumer\":\"" + consumer + "\"%");
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        assertEquals(1, rs.getInt(2), "logged twice: " + rs.getString(1));
                        logged.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = gaps.executeQuery()) {
                    while (rs.next()) {
                        assertEquals(rs.getLong(3), rs.getLong(2), "the chain of " + rs.getString(1) + " has a gap");
                    }
                }
            }
            Set<String> missing = new HashSet<>(answered);
            missing.removeAll(logged);
            assertTrue(missing.isEmpty(), missing.size() + " of " + answered.size() + " answered calls have no message-log record, e.g. "
                    + missing.stream().limit(3).toList());
        });
    }

    @Override
    public void close() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (HubProcess hub : hubs) {
            hub.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
