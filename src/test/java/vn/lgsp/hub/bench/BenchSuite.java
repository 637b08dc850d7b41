package vn.lgsp.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.buffer.Buffer;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessStats;
import vn.lgsp.hub.testing.ProcessTestBed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark suite: the same load against a provider stub called directly (S0, the ceiling),
 * through the hub with ledger and grants off (S1, routing alone) and with everything on (S2),
 * all in one run on one machine, reported as ratios to S0. Run with {@code bench/run.sh}.
 */
public final class BenchSuite {

    static final String BODY = "{\"soDinhDanh\":\"079123456789\",\"hoTen\":\"Nguyễn Văn A\",\"ngaySinh\":\"1990-01-01\","
            + "\"noiThuongTru\":\"Phường 5, TP Cà Mau\",\"trangThai\":\"con-hieu-luc\"}";

    record Scenario(String name, String description, double rps, double ratioToS0, long errors, FixedRateLoad.Result fixed,
                    Double cpuMicrosPerRequest, Double rssMiB, Double ledgerRecordsPerSecond) {
    }

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "15"));
        int warmup = Integer.parseInt(System.getProperty("bench.warmup", "5"));
        int connections = Integer.parseInt(System.getProperty("bench.connections", "64"));
        Path out = Path.of(System.getProperty("bench.out", "bench/results"));
        Files.createDirectories(out);

        List<Scenario> results = new ArrayList<>();
        try (ProcessTestBed bed = ProcessTestBed.start("bench", Map.of("quarkus.log.level", "WARN"))) {
            Buffer body = Buffer.buffer(BODY);
            bed.stub(request -> request.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body));
            int port = FreePort.find();
            try (HubProcess hub = bed.startHub("bench", port, Map.of())) {
                bed.share("records");
            }
            Map<String, String> headers = Map.of(ProcessTestBed.CONSUMER_HEADER, bed.consumer());
            String path = bed.shareUri(port, "records", "/records/42").getPath();

            System.out.println("S0: direct to the provider stub");
            String direct = bed.stubUri("/api/records/42").toString();
            Wrk.run(direct, Map.of(), 2, connections, warmup);
            Wrk.Result s0 = Wrk.run(direct, Map.of(), 2, connections, seconds);
            // Latency at a fixed rate: half of S0's ceiling, as the suite defines it, or a rate
            // given with BENCH_RATE (e.g. one every scenario can sustain, to see what the hub adds).
            int fixedRate = Integer.parseInt(System.getProperty("bench.rate", "0"));
            int halfLoad = fixedRate > 0 ? fixedRate : (int) Math.max(100, s0.requestsPerSecond() / 2);
            FixedRateLoad.Result s0Fixed = FixedRateLoad.run(bed.vertx(), "127.0.0.1", bed.stubUri("/").getPort(), "/api/records/42",
                    Map.of(), halfLoad, seconds);
            results.add(new Scenario("S0", "load generator -> provider stub (the ceiling)", s0.requestsPerSecond(), 1.0,
                    s0.errors(), s0Fixed, null, null, null));

            Map<String, String> routingOnly = Map.of("lgsp.ledger.enabled", "false", "lgsp.sharing.enforce-grants", "false");
            results.add(throughHub("S1", "through the hub, ledger and grants off (routing alone)", bed, port, routingOnly, path,
                    headers, connections, warmup, seconds, halfLoad, s0.requestsPerSecond()));
            results.add(throughHub("S2", "through the hub, grants + durable ledger + Kafka events + metrics on", bed, port, Map.of(),
                    path, headers, connections, warmup, seconds, halfLoad, s0.requestsPerSecond()));
        }
        report(results, out);
    }

    private static Scenario throughHub(String name, String description, ProcessTestBed bed, int port, Map<String, String> settings,
                                       String path, Map<String, String> headers, int connections, int warmup, int seconds,
                                       int halfLoad, double s0Rps) throws Exception {
        System.out.println(name + ": " + description);
        try (HubProcess hub = bed.startHub(name, port, settings)) {
            String url = "http://127.0.0.1:" + port + path;
            Wrk.run(url, headers, 2, connections, warmup);
            long rowsBefore = bed.scalar("SELECT count(*) FROM ledger_entry");
            long cpuBefore = ProcessStats.cpuMicros(hub.pid());
            Wrk.Result saturated = Wrk.run(url, headers, 2, connections, seconds);
            long cpuAfter = ProcessStats.cpuMicros(hub.pid());
            long rowsAfter = bed.scalar("SELECT count(*) FROM ledger_entry");
            double rss = ProcessStats.rssMiB(hub.pid());
            FixedRateLoad.Result fixed = FixedRateLoad.run(bed.vertx(), "127.0.0.1", port, path, headers, halfLoad, seconds);
            double cpuPerRequest = saturated.requests() == 0 ? 0 : (cpuAfter - cpuBefore) / (double) saturated.requests();
            Double ledgerRate = rowsAfter == rowsBefore ? null : (rowsAfter - rowsBefore) / (double) seconds;
            return new Scenario(name, description, saturated.requestsPerSecond(), saturated.requestsPerSecond() / s0Rps,
                    saturated.errors(), fixed, round(cpuPerRequest), round(rss), ledgerRate == null ? null : round(ledgerRate));
        }
    }

    private static void report(List<Scenario> results, Path out) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-4s %10s %7s %7s %9s %9s %9s %10s %8s %12s%n", "", "req/s", "vs S0",
                "errors", "p50 ms", "p99 ms", "p99.9 ms", "CPU us/req", "RSS MiB", "ledger rec/s"));
        for (Scenario s : results) {
            table.append(String.format(Locale.ROOT, "%-4s %10.0f %7.2f %7d %9.3f %9.3f %9.3f %10s %8s %12s%n", s.name(), s.rps(),
                    s.ratioToS0(), s.errors() + s.fixed().failed(), s.fixed().p50Ms(), s.fixed().p99Ms(), s.fixed().p999Ms(),
                    s.cpuMicrosPerRequest() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.cpuMicrosPerRequest()),
                    s.rssMiB() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.rssMiB()),
                    s.ledgerRecordsPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.ledgerRecordsPerSecond())));
        }
        System.out.println();
        System.out.print(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("when", LocalDateTime.now().toString());
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        json.put("fixedRateNote", "p50/p99/p99.9 at a fixed rate (half the S0 ceiling unless BENCH_RATE), measured from each request's intended start");
        json.put("scenarios", results);
        String file = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(file).toFile(), json);
        Files.writeString(out.resolve("latest.txt"), table.toString());
        System.out.println("\nwritten " + out.resolve(file));
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
