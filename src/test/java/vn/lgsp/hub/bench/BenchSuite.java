package vn.lgsp.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessStats;
import vn.lgsp.hub.testing.ProcessTestBed;
import vn.lgsp.hub.testing.Role;
import vn.lgsp.hub.testing.Tokens;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * The benchmark suite: the same load against a provider stub called directly (S0, the ceiling),
 * through the hub with ledger and grants off (S1, routing alone), with everything on as in
 * production (S2, OIDC client-credentials tokens), with a SOAP provider behind the REST facade
 * (S3) and with a registry of 1,000 systems and 10,000 grants (S4), all in one run on one
 * machine, reported as ratios to S0. Run with {@code bench/run.sh}; {@code BENCH_SCENARIOS=S0,S2}
 * runs a subset (S0 always runs).
 */
public final class BenchSuite {

    static final String BODY = "{\"soDinhDanh\":\"079123456789\",\"hoTen\":\"Nguyễn Văn A\",\"ngaySinh\":\"1990-01-01\","
            + "\"noiThuongTru\":\"Phường 5, TP Cà Mau\",\"trangThai\":\"con-hieu-luc\"}";
    private static final String CLIENT_ID = "bench-consumer-client";
    private static final String SOAP_NS = "urn:lgsp:hotich";
    private static final String SOAP_ANSWER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope "
            + "xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><r:TraCuuResponse xmlns:r=\"" + SOAP_NS + "\">"
            + "<r:TraCuuResult><r:hoTen>Trần Thị B</r:hoTen><r:ngaySinh>1990-01-01</r:ngaySinh><r:con><r:ten>An</r:ten></r:con>"
            + "<r:con><r:ten>Bình</r:ten></r:con></r:TraCuuResult></r:TraCuuResponse></s:Body></s:Envelope>";
    private static final String SOAP_FACADE_REQUEST = "{\"soDinhDanh\":\"079123456789\",\"diaChi\":{\"tinh\":\"Cà Mau\"}}";
    /** A blank trusted header switches the hub to OIDC tokens, as in production. */
    private static final Map<String, String> WITH_TOKENS = Map.of("lgsp.sharing.trusted-consumer-header", "");
    /** BENCH_HUB_SETTINGS ("key=value,key=value"): given to every hub scenario, to measure what a setting buys. */
    private static final Map<String, String> EXTRA_SETTINGS = settings(System.getProperty("bench.hub-settings", ""));

    /** {@code fixedRate}: the rate of the latency run ({@code fixed}), in requests per second. */
    record Scenario(String name, int round, String description, double rps, double ratioToS0, long errors, int fixedRate,
                    FixedRateLoad.Result fixed, Double cpuMicrosPerRequest, Double rssMiB, Double ledgerRecordsPerSecond,
                    Map<String, Double> cpuByProcess) {
    }

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "15"));
        int warmup = Integer.parseInt(System.getProperty("bench.warmup", "20"));
        int connections = Integer.parseInt(System.getProperty("bench.connections", "64"));
        Set<String> only = Set.of(System.getProperty("bench.scenarios", "S0,N,S1,S2,S2x,S2n,S3,S4,S5").split(","));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "3"));
        int fixedRate = Integer.parseInt(System.getProperty("bench.rate", "0"));
        Path out = Path.of(System.getProperty("bench.out", "bench/results"));
        Files.createDirectories(out);

        List<Scenario> all = new ArrayList<>();
        try (ProcessTestBed bed = ProcessTestBed.start("bench", Map.of("quarkus.log.level", "WARN"))) {
            // Lean providers: answer from memory and keep nothing.
            Buffer body = Buffer.buffer(BODY);
            bed.stub(request -> request.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body));
            Buffer soapAnswer = Buffer.buffer(SOAP_ANSWER);
            HttpServer soapStub = bed.vertx().createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(request -> request.body().onComplete(ignored ->
                            request.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(soapAnswer)))
                    .listen().toCompletionStage().toCompletableFuture().get();
            int port = FreePort.find();
            String clientSecret;
            try (HubProcess hub = bed.startHub("bench", port, Map.of())) {
                bed.share("records");
                Api.addEndpoint(bed.provider(), Api.soapEndpoint("ws", "http://127.0.0.1:" + soapStub.actualPort() + "/ws/HoTich"));
                Map<String, Object> soap = Api.soapService("ho-tich", "ws", "TraCuu",
                        Map.of("mode", "rest-facade", "namespace", SOAP_NS, "responseWrapper", "TraCuuResponse"));
                soap.put("soapAction", "urn:TraCuu");
                Api.publish(bed.provider(), soap);
                Api.grant(bed.consumer(), bed.provider(), "ho-tich");
                clientSecret = Tokens.createIntegrator(CLIENT_ID);
                Api.mapClient(bed.consumer(), CLIENT_ID);
            }
            String path = bed.shareUri(port, "records", "/records/42").getPath();
            String direct = "http://127.0.0.1:" + bed.stubUri("/").getPort();
            LoadRequest directRequest = LoadRequest.get("/api/records/42", Map.of());
            PgStatements statements = PgStatements.enableIf(Set.of("1", "true").contains(System.getProperty("bench.pg-statements", "0")), bed);
            long postmaster = postmasterPid(bed);
            // Every scenario again in each round, S0 first, so that each round's ratios are measured
            // in one run and the spread over rounds shows what one figure is worth on this machine.
            for (int round = 1; round <= rounds; round++) {
                List<Scenario> results = new ArrayList<>();

                System.out.println("== round " + round + " of " + rounds);
                System.out.println("S0: direct to the provider stub");
                Wrk.run(direct, directRequest, 2, connections, warmup);
                CpuShares s0CpuBefore = CpuShares.now(-1, postmaster);
                Wrk.Result s0 = Wrk.run(direct, directRequest, 2, connections, seconds);
                Map<String, Double> s0Cpu = CpuShares.now(-1, postmaster).perRequestSince(s0CpuBefore, s0.requests());
                int s0Rate = rateFor(fixedRate, s0.requestsPerSecond());
                // The fixed-rate generator warms up too (JIT), or its first run's tail is its own.
                FixedRateLoad.run(bed.vertx(), "127.0.0.1", bed.stubUri("/").getPort(), directRequest, s0Rate, Math.max(5, warmup / 2));
                FixedRateLoad.Result s0Fixed = FixedRateLoad.run(bed.vertx(), "127.0.0.1", bed.stubUri("/").getPort(), directRequest,
                        s0Rate, seconds);
                System.out.println("S0: latency measured at " + s0Rate + " req/s");
                results.add(new Scenario("S0", round, "load generator -> provider stub (the ceiling)", s0.requestsPerSecond(), 1.0,
                        s0.errors(), s0Rate, s0Fixed, null, null, null, s0Cpu));

                Run run = new Run(bed, round, port, connections, warmup, seconds, fixedRate, s0.requestsPerSecond(), postmaster,
                        statements);
                if (only.contains("N")) {
                    results.add(run.throughNginx(bed.stubUri("/").getPort(), directRequest));
                }
                if (only.contains("S1")) {
                    LoadRequest withHeader = LoadRequest.get(path, Map.of(ProcessTestBed.CONSUMER_HEADER, bed.consumer()));
                    results.add(run.throughHub("S1", "through the hub, ledger and grants off (routing alone)",
                            Map.of("lgsp.ledger.enabled", "false", "lgsp.message-log.enabled", "false", "lgsp.sharing.enforce-grants", "false"),
                            () -> withHeader));
                }
                Supplier<LoadRequest> withToken = () -> LoadRequest.get(path, bearer(clientSecret, false));
                if (only.contains("S2")) {
                    results.add(run.throughHub("S2", "through the hub, OIDC token + grant + quota + durable ledger + signed message log + Kafka event + metrics",
                            WITH_TOKENS, withToken));
                }
                if (only.contains("S2x")) {
                    // What failing closed costs: S2 without the request record committed before each call.
                    Map<String, String> open = new HashMap<>(WITH_TOKENS);
                    open.put("lgsp.ledger.record-requests", "false");
                    results.add(run.throughHub("S2x", "S2 without the request record before the provider (fail-closed off)",
                            open, withToken));
                }
                if (only.contains("S2n")) {
                    // What the signed message log costs: S2 without it.
                    Map<String, String> unlogged = new HashMap<>(WITH_TOKENS);
                    unlogged.put("lgsp.message-log.enabled", "false");
                    results.add(run.throughHub("S2n", "S2 without the signed message log", unlogged, withToken));
                }
                if (only.contains("S2o")) {
                    // S2 as it was before issue 16 (no request record first, no message log): the
                    // one-road pipeline's S2 against an older hub's (which ignores both settings).
                    Map<String, String> older = new HashMap<>(WITH_TOKENS);
                    older.put("lgsp.ledger.record-requests", "false");
                    older.put("lgsp.message-log.enabled", "false");
                    results.add(run.throughHub("S2o", "S2 without the request record first and without the message log (S2 before issue 16)",
                            older, withToken));
                }
                if (only.contains("S3")) {
                    results.add(run.throughHub("S3", "S2 with a SOAP provider behind the REST-to-SOAP facade", WITH_TOKENS,
                            () -> LoadRequest.post("/share/" + bed.provider() + "/ho-tich", bearer(clientSecret, true), SOAP_FACADE_REQUEST)));
                }
                if (only.contains("S5")) {
                    // S3's callers, at the rate S3 sustains in this round when it ran.
                    double s3Rps = results.stream().filter(r -> r.name().equals("S3")).mapToDouble(Scenario::rps).findFirst().orElse(400);
                    // A granted consumer turned hostile (issue 15): small bodies built to make the
                    // JSON-to-SOAP conversion expensive, each at BENCH_ATTACK_RATE/s, while S3's
                    // callers are measured at the fixed rate, as in S3.
                    Map<String, String> hostile = new LinkedHashMap<>();
                    hostile.put("huge exponent", "{\"soHoSo\":1e999999999,\"ngay\":-9.99e-999999999}");
                    hostile.put("deep nesting", "[".repeat(100_000) + "]".repeat(100_000));
                    StringBuilder wide = new StringBuilder("{");
                    for (int i = 0; i < 20_000; i++) {
                        wide.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":0");
                    }
                    hostile.put("20,000 fields", wide.append('}').toString());
                    int attackRate = Integer.parseInt(System.getProperty("bench.attack-rate", "20"));
                    Map<String, Supplier<LoadRequest>> attacks = new LinkedHashMap<>();
                    hostile.forEach((what, hostileBody) -> attacks.put(what,
                            () -> LoadRequest.post("/share/" + bed.provider() + "/ho-tich", bearer(clientSecret, true), hostileBody)));
                    results.add(run.underAttack("S5", "S3's calls while hostile JSON-to-SOAP bodies (huge exponent, 100,000 levels deep, "
                                    + "20,000 fields) arrive at " + attackRate + "/s each", WITH_TOKENS,
                            () -> LoadRequest.post("/share/" + bed.provider() + "/ho-tich", bearer(clientSecret, true), SOAP_FACADE_REQUEST),
                            attacks, attackRate, rateFor(fixedRate, s3Rps)));
                }
                if (only.contains("S4")) {
                    if (round == 1) try (HubProcess hub = bed.startHub("bench-seed", port, Map.of())) {
                        System.out.println("S4: registering 1,000 systems and 10,000 grants ...");
                        RegistryAtScale.seed(1_000, 10);
                        settle(bed);
                    }
                    results.add(run.throughHub("S4", "S2 with 1,000 registered systems and 10,000 grants", WITH_TOKENS, withToken));
                }
                all.addAll(results);
            }
            soapStub.close().toCompletionStage().toCompletableFuture().get();
        }
        report(all, rounds, out);
    }

    private static Map<String, String> settings(String list) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : list.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return settings;
    }

    /**
     * The latency run's rate: the one given (BENCH_RATE, e.g. one every scenario sustains, to
     * compare what each adds), else half of what this scenario sustained, so that it measures
     * latency rather than a queue (half of S0's rate overloads every hub scenario).
     */
    private static int rateFor(int fixedRate, double saturatedRps) {
        return fixedRate > 0 ? fixedRate : (int) Math.max(100, saturatedRps / 2);
    }

    /**
     * Lets the registration's aftermath pass before S4 is measured, as it would before a traffic
     * peak: its ~20,000 events published from the outbox, and the tables vacuumed and analysed
     * (otherwise S4 measured the relay and autovacuum catching up, not lookups at scale).
     */
    private static void settle(ProcessTestBed bed) throws Exception {
        await("the outbox drained after the registration").atMost(Duration.ofMinutes(5))
                .until(() -> bed.scalar("SELECT count(*) FROM outbox") == 0);
        try (java.sql.Connection db = bed.db(); java.sql.Statement sql = db.createStatement()) {
            sql.execute("VACUUM ANALYZE");
        }
    }

    /** The PostgreSQL server's main process, from the pid file in its data directory. */
    private static long postmasterPid(ProcessTestBed bed) throws Exception {
        try (java.sql.Connection db = bed.db(); java.sql.ResultSet rs = db.createStatement().executeQuery("SHOW data_directory")) {
            rs.next();
            return Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim());
        }
    }

    private static Map<String, String> bearer(String clientSecret, boolean json) {
        String authorization = "Bearer " + Tokens.of(CLIENT_ID, clientSecret);
        return json ? Map.of("Authorization", authorization, "Content-Type", "application/json") : Map.of("Authorization", authorization);
    }

    /** What every hub scenario shares; one hub process per scenario, measured the same way. */
    private record Run(ProcessTestBed bed, int round, int port, int connections, int warmup, int seconds, int fixedRate,
                       double s0Rps, long postmaster, PgStatements statements) {

        /** Scenario N: the same load as S0 through nginx as a reverse proxy (see {@link NginxProxy}). */
        Scenario throughNginx(int stubPort, LoadRequest request) throws Exception {
            String description = "through nginx as a reverse proxy (keep-alive upstream, buffered, access log on)";
            System.out.println("N: " + description);
            int nginxPort = FreePort.find();
            long sent;
            Wrk.Result saturated;
            Map<String, Double> cpu;
            FixedRateLoad.Result fixed;
            int rate;
            NginxProxy nginx = NginxProxy.start(nginxPort, stubPort);
            try (nginx) {
                String base = "http://127.0.0.1:" + nginxPort;
                Wrk.Result warm = Wrk.run(base, request, 2, connections, warmup);
                CpuShares cpuBefore = CpuShares.now(nginx.pid(), postmaster);
                saturated = Wrk.run(base, request, 2, connections, seconds);
                cpu = CpuShares.now(nginx.pid(), postmaster).perRequestSince(cpuBefore, saturated.requests());
                rate = rateFor(fixedRate, saturated.requestsPerSecond());
                FixedRateLoad.run(bed.vertx(), "127.0.0.1", nginxPort, request, rate, Math.max(5, warmup / 2));
                fixed = FixedRateLoad.run(bed.vertx(), "127.0.0.1", nginxPort, request, rate, seconds);
                sent = warm.requests() + saturated.requests();
            }
            System.out.println("N: latency measured at " + rate + " req/s; nginx logged " + nginx.loggedRequests()
                    + " requests (wrk counted " + sent + " answered, plus the fixed-rate runs')");
            return new Scenario("N", round, description, saturated.requestsPerSecond(), saturated.requestsPerSecond() / s0Rps,
                    saturated.errors(), rate, fixed, cpu.get(CpuShares.HUB), null, null, cpu);
        }

        /** {@code request} is asked for again before the fixed-rate run so a token is still fresh. */
        Scenario throughHub(String name, String description, Map<String, String> settings, Supplier<LoadRequest> request)
                throws Exception {
            System.out.println(name + ": " + description);
            // An older hub (bench/compare.sh) does not know every setting a scenario turns off:
            // it must start all the same, as if the setting were its default.
            Map<String, String> lenient = new HashMap<>(settings);
            lenient.put("smallrye.config.mapping.validate-unknown", "false");
            lenient.putAll(EXTRA_SETTINGS);
            try (HubProcess hub = bed.startHub(name, port, lenient)) {
                String base = "http://127.0.0.1:" + port;
                LoadRequest load = request.get();
                Wrk.run(base, load, 2, connections, warmup);
                long rowsBefore = bed.scalar("SELECT count(*) FROM ledger_entry");
                if (statements != null) {
                    statements.reset();
                }
                CpuShares cpuBefore = CpuShares.now(hub.pid(), postmaster);
                Wrk.Result saturated = Wrk.run(base, load, 2, connections, seconds);
                Map<String, Double> cpu = CpuShares.now(hub.pid(), postmaster).perRequestSince(cpuBefore, saturated.requests());
                long rowsAfter = bed.scalar("SELECT count(*) FROM ledger_entry");
                if (saturated.errors() > 0) {
                    System.out.println(name + ": failed requests: " + saturated.errorLines() + "; failures in the ledger: "
                            + bed.text("SELECT string_agg(status_code || ' ' || coalesce(error_code, '') || ' x' || n, ', ') FROM "
                            + "(SELECT status_code, error_code, count(*) AS n FROM ledger_entry WHERE NOT success "
                            + "AND received_at > now() - interval '1 minute' GROUP BY 1, 2) f"));
                }
                if (statements != null) {
                    System.out.print(statements.top(saturated.requests(), 12));
                }
                double rss = ProcessStats.rssMiB(hub.pid());
                int rate = rateFor(fixedRate, saturated.requestsPerSecond());
                FixedRateLoad.Result fixed = FixedRateLoad.run(bed.vertx(), "127.0.0.1", port, request.get(), rate, seconds);
                System.out.println(name + ": latency measured at " + rate + " req/s");
                System.out.println(name + ": " + ledgerCommits());
                hub.terminate(); // gracefully, so a profiler given in HUB_JVM_OPTIONS writes its file
                Double ledgerRate = rowsAfter == rowsBefore ? null : (rowsAfter - rowsBefore) / (double) seconds;
                return new Scenario(name, round, description, saturated.requestsPerSecond(), saturated.requestsPerSecond() / s0Rps,
                        saturated.errors(), rate, fixed, cpu.get(CpuShares.HUB), oneDecimal(rss), ledgerRate == null ? null : oneDecimal(ledgerRate), cpu);
            }
        }

        /**
         * The fixed-rate latency of {@code request} while {@code attack} arrives at
         * {@code attackRate} per second on the same hub: what one hostile caller costs the others.
         * No saturation run: requests per second are the callers' answered calls.
         */
        Scenario underAttack(String name, String description, Map<String, String> settings, Supplier<LoadRequest> request,
                             Map<String, Supplier<LoadRequest>> attacks, int attackRate, int callersRate) throws Exception {
            System.out.println(name + ": " + description);
            // An older hub (bench/compare.sh) does not know every setting a scenario turns off:
            // it must start all the same, as if the setting were its default.
            Map<String, String> lenient = new HashMap<>(settings);
            lenient.put("smallrye.config.mapping.validate-unknown", "false");
            lenient.putAll(EXTRA_SETTINGS);
            try (HubProcess hub = bed.startHub(name, port, lenient)) {
                Wrk.run("http://127.0.0.1:" + port, request.get(), 2, connections, warmup);
                for (Supplier<LoadRequest> attack : attacks.values()) {
                    FixedRateLoad.run(bed.vertx(), "127.0.0.1", port, attack.get(), attackRate, Math.max(5, warmup / 4));
                }
                CpuShares cpuBefore = CpuShares.now(hub.pid(), postmaster);
                Map<String, java.util.concurrent.CompletableFuture<FixedRateLoad.Result>> hostile = new LinkedHashMap<>();
                attacks.forEach((what, attack) -> hostile.put(what, java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return FixedRateLoad.run(bed.vertx(), "127.0.0.1", port, attack.get(), attackRate, seconds);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                })));
                FixedRateLoad.Result fixed = FixedRateLoad.run(bed.vertx(), "127.0.0.1", port, request.get(), callersRate, seconds);
                System.out.println(name + ": callers measured at " + callersRate + " req/s");
                long hostileSent = 0;
                for (Map.Entry<String, java.util.concurrent.CompletableFuture<FixedRateLoad.Result>> attack : hostile.entrySet()) {
                    FixedRateLoad.Result attacked = attack.getValue().get();
                    hostileSent += attacked.sent();
                    System.out.printf(Locale.ROOT, "%s: hostile %s: %d sent, %d answered 2xx/3xx, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", name,
                            attack.getKey(), attacked.sent(), attacked.ok(), attacked.p50Ms(), attacked.p99Ms(), attacked.maxMs());
                }
                // CPU per request over every request of the run, hostile ones included.
                Map<String, Double> cpu = CpuShares.now(hub.pid(), postmaster).perRequestSince(cpuBefore, fixed.sent() + hostileSent);
                double rss = ProcessStats.rssMiB(hub.pid());
                hub.terminate();
                double rps = fixed.ok() / (double) seconds;
                return new Scenario(name, round, description, rps, rps / s0Rps, fixed.failed(), callersRate, fixed, cpu.get(CpuShares.HUB), oneDecimal(rss), null, cpu);
            }
        }
    }

    /** The hub's own view of its group commits (a cause of tail latency), from its metrics: outcome and request records apart. */
    private static String ledgerCommits() {
        String metrics = Api.as(Role.OPERATOR).get("/q/metrics").then().statusCode(200).extract().asString();
        StringBuilder line = new StringBuilder();
        for (String records : List.of("outcome", "request")) {
            line.append(line.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s commits p50 %s ms, p99 %s ms, records per commit p50 %s, p99 %s", records,
                    quantile(metrics, "lgsp_ledger_commit_seconds", records, "0.5", 1000),
                    quantile(metrics, "lgsp_ledger_commit_seconds", records, "0.99", 1000),
                    quantile(metrics, "lgsp_ledger_batch_size", records, "0.5", 1),
                    quantile(metrics, "lgsp_ledger_batch_size", records, "0.99", 1)));
        }
        return line.toString();
    }

    /** One published percentile of a summary tagged {@code records}, scaled; "-" when the hub did not publish it. */
    private static String quantile(String metrics, String name, String records, String quantile, double scale) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains("quantile=\"" + quantile + "\"")
                        && line.contains("records=\"" + records + "\""))
                .findFirst()
                .map(line -> String.format(Locale.ROOT, "%.1f", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * scale))
                .orElse("-");
    }

    private static void report(List<Scenario> results, int rounds, Path out) throws Exception {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "Each round%n"));
        table.append(String.format(Locale.ROOT, "%-4s %5s %10s %7s %7s %8s %9s %9s %9s %10s %8s %12s%n", "", "round", "req/s", "vs S0",
                "errors", "at req/s", "p50 ms", "p99 ms", "p99.9 ms", "CPU us/req", "RSS MiB", "ledger rec/s"));
        for (Scenario s : results) {
            table.append(String.format(Locale.ROOT, "%-4s %5d %10.0f %7.3f %7d %8d %9.3f %9.3f %9.3f %10s %8s %12s%n", s.name(), s.round(),
                    s.rps(), s.ratioToS0(), s.errors() + s.fixed().failed(), s.fixedRate(), s.fixed().p50Ms(), s.fixed().p99Ms(),
                    s.fixed().p999Ms(), s.cpuMicrosPerRequest() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.cpuMicrosPerRequest()),
                    s.rssMiB() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.rssMiB()),
                    s.ledgerRecordsPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.ledgerRecordsPerSecond())));
        }
        table.append(String.format(Locale.ROOT, "%nCPU per request at saturation, by process (us; for N, \"hub\" is nginx)%n"));
        table.append(String.format(Locale.ROOT, "%-4s %5s %8s %9s %11s %8s %8s%n", "", "round", "hub", "postgres", "kafka+stub", "wrk", "total"));
        for (Scenario s : results) {
            Map<String, Double> cpu = s.cpuByProcess();
            table.append(String.format(Locale.ROOT, "%-4s %5d %8s %9.1f %11.1f %8.1f %8.1f%n", s.name(), s.round(),
                    s.cpuMicrosPerRequest() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.cpuMicrosPerRequest()),
                    cpu.get(CpuShares.POSTGRES), cpu.get(CpuShares.KAFKA_AND_STUB), cpu.get(CpuShares.WRK),
                    cpu.values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        BenchCompare.collect(mapper.valueToTree(results), values);
        Map<String, Map<String, BenchCompare.Spread>> summary = new LinkedHashMap<>();
        values.forEach((scenario, figures) -> {
            Map<String, BenchCompare.Spread> spreads = new LinkedHashMap<>();
            figures.forEach((figure, list) -> spreads.put(figure, BenchCompare.Spread.of(list)));
            summary.put(scenario, spreads);
        });
        table.append(String.format(Locale.ROOT, "%nMedian (min-max) over %d round(s)%n", rounds));
        List<String> figures = List.of("rps", "ratioToS0", "fixedRate", "p50Ms", "p99Ms", "hubCpuMicrosPerRequest",
                "postgresCpuMicrosPerRequest");
        table.append(String.format(Locale.ROOT, "%-4s", ""));
        figures.forEach(figure -> table.append(String.format(Locale.ROOT, " %24s", figure)));
        table.append(System.lineSeparator());
        summary.forEach((scenario, spreads) -> {
            table.append(String.format(Locale.ROOT, "%-4s", scenario));
            figures.forEach(figure -> {
                BenchCompare.Spread spread = spreads.get(figure);
                table.append(String.format(Locale.ROOT, " %24s", spread == null ? "-" : spread.describe()));
            });
            table.append(System.lineSeparator());
        });
        System.out.println();
        System.out.print(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("when", LocalDateTime.now().toString());
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        json.put("rounds", rounds);
        json.put("hubSettings", EXTRA_SETTINGS);
        json.put("fixedRateNote", "p50/p99/p99.9 at a fixed rate (fixedRate: BENCH_RATE, else half of what the scenario sustained "
                + "in the same round), measured from each request's intended start");
        json.put("summary", summary);
        json.put("scenarios", results);
        String file = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
        mapper.writeValue(out.resolve(file).toFile(), json);
        Files.writeString(out.resolve("latest.txt"), table.toString());
        System.out.println("\nwritten " + out.resolve(file));
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
