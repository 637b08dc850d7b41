package vn.lgsp.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.restassured.RestAssured;
import io.vertx.core.buffer.Buffer;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessStats;
import vn.lgsp.hub.testing.ProcessTestBed;
import vn.lgsp.hub.testing.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * A bounded soak: a steady fixed-rate load through one hub with everything on (grants, durable
 * ledger, Kafka events, metrics) for {@code soak.minutes}, sampled every {@code soak.window}
 * seconds: the hub's resident memory, its heap (used, and the old generation, i.e. what survives
 * young collections), p50/p99 latency and errors of the window. At the end it checks that the
 * ledger holds exactly one row per answered call, that nothing failed and that every ledger event
 * reached Kafka, and reports how RSS, old generation and p99 moved (first third against last
 * third, and RSS's least-squares slope). Run with {@code bench/soak.sh}.
 */
public final class Soak {

    record Sample(int window, double atMinutes, long sent, long ok, long failed, double p50Ms, double p99Ms, double maxMs,
                  double rssMiB, double heapUsedMiB, double oldGenMiB) {
    }

    record Drift(String what, double firstThird, double lastThird, double changePercent, boolean flat) {
    }

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "15"));
        int rate = Integer.getInteger("soak.rate", 200);
        int window = Integer.getInteger("soak.window", 30);
        int warmup = Integer.getInteger("soak.warmup", 30);
        int windows = Math.max(3, (int) Math.round(minutes * 60 / window));
        Path out = Path.of(System.getProperty("bench.out", "bench/results"));
        Files.createDirectories(out);

        List<Sample> samples = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long ledgerRows;
        long answered;
        long outboxLeft;
        try (ProcessTestBed bed = ProcessTestBed.start("soak", Map.of("quarkus.log.level", "WARN"))) {
            Buffer body = Buffer.buffer(BenchSuite.BODY);
            bed.stub(request -> request.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body));
            int port = FreePort.find();
            HubProcess hub = bed.startHub("soak", port, Map.of());
            bed.share("records");
            String consumer = bed.consumer();
            Map<String, String> headers = Map.of(ProcessTestBed.CONSUMER_HEADER, consumer);
            String path = bed.shareUri(port, "records", "/records/42").getPath();
            RestAssured.port = port;

            System.out.printf(Locale.ROOT, "soak: %d windows of %d s at %d req/s through one hub (everything on), after %d s warm-up%n",
                    windows, window, rate, warmup);
            FixedRateLoad.run(bed.vertx(), "127.0.0.1", port, LoadRequest.get(path, headers), rate, warmup);
            String count = "SELECT count(*) FROM ledger_entry WHERE consumer_code = ?";
            long before = bed.scalar(count, consumer);
            System.out.printf(Locale.ROOT, "%6s %7s %8s %7s %9s %9s %9s %8s %9s %9s%n", "window", "minute", "sent", "errors", "p50 ms",
                    "p99 ms", "max ms", "RSS MiB", "heap MiB", "old MiB");
            long start = System.nanoTime();
            for (int i = 1; i <= windows; i++) {
                FixedRateLoad.Result r = FixedRateLoad.run(bed.vertx(), "127.0.0.1", port, LoadRequest.get(path, headers), rate, window);
                double[] heap = heapMiB();
                Sample s = new Sample(i, (System.nanoTime() - start) / 60e9, r.sent(), r.ok(), r.failed(), r.p50Ms(), r.p99Ms(), r.maxMs(),
                        round(ProcessStats.rssMiB(hub.pid())), heap[0], heap[1]);
                samples.add(s);
                System.out.printf(Locale.ROOT, "%6d %7.1f %8d %7d %9.2f %9.2f %9.2f %8.0f %9.0f %9.0f%n", s.window(), s.atMinutes(), s.sent(),
                        s.failed(), s.p50Ms(), s.p99Ms(), s.maxMs(), s.rssMiB(), s.heapUsedMiB(), s.oldGenMiB());
            }
            // The answer is released only after the ledger commit, so the count is final now.
            ledgerRows = bed.scalar(count, consumer) - before;
            answered = samples.stream().mapToLong(Sample::ok).sum();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                outboxLeft = bed.scalar("SELECT count(*) FROM outbox");
                if (outboxLeft > 0) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            } while (outboxLeft > 0 && System.nanoTime() < deadline);
        }

        long errors = samples.stream().mapToLong(Sample::failed).sum();
        if (ledgerRows != answered) {
            failures.add("ledger rows " + ledgerRows + " != answered requests " + answered);
        }
        if (errors > 0) {
            failures.add(errors + " requests failed or got no answer");
        }
        if (outboxLeft > 0) {
            failures.add(outboxLeft + " ledger events still in the outbox 60 s after the load (Kafka)");
        }
        List<Drift> drifts = List.of(
                drift("RSS MiB", samples, Sample::rssMiB, 10),
                drift("old generation MiB", samples, Sample::oldGenMiB, 20),
                drift("p99 ms", samples, Sample::p99Ms, 50));
        double rssSlope = slope(samples, Sample::rssMiB);

        System.out.println();
        System.out.printf(Locale.ROOT, "answered %d, ledger rows %d, errors %d, outbox left %d%n", answered, ledgerRows, errors, outboxLeft);
        for (Drift d : drifts) {
            System.out.printf(Locale.ROOT, "%-20s first third %9.2f  last third %9.2f  change %+6.1f%%  %s%n", d.what(), d.firstThird(),
                    d.lastThird(), d.changePercent(), d.flat() ? "flat" : "GROWING");
        }
        System.out.printf(Locale.ROOT, "RSS slope (least squares) %+.2f MiB/min%n", rssSlope);
        System.out.println(failures.isEmpty() ? "checks: passed" : "checks: FAILED " + failures);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("when", LocalDateTime.now().toString());
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        json.put("settings", Map.of("minutes", minutes, "ratePerSecond", rate, "windowSeconds", window, "warmupSeconds", warmup));
        json.put("samples", samples);
        json.put("answered", answered);
        json.put("ledgerRows", ledgerRows);
        json.put("errors", errors);
        json.put("outboxLeft", outboxLeft);
        json.put("drift", drifts);
        json.put("rssSlopeMiBPerMinute", round(rssSlope));
        json.put("failures", failures);
        String file = "soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(file).toFile(), json);
        System.out.println("written " + out.resolve(file));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Heap in use and the old generation (what survived young collections), in MiB, from the hub's /q/metrics. */
    private static double[] heapMiB() {
        String metrics = Api.as(Role.OPERATOR).get("/q/metrics").then().statusCode(200).extract().asString();
        double heap = 0;
        double old = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                double bytes = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                heap += bytes;
                if (!line.contains("Eden") && !line.contains("Survivor")) {
                    old += bytes;
                }
            }
        }
        return new double[] {round(heap / 1048576), round(old / 1048576)};
    }

    /** First third of the samples against the last third; flat when it grew by at most {@code tolerancePercent}. */
    private static Drift drift(String what, List<Sample> samples, ToDoubleFunction<Sample> value, double tolerancePercent) {
        int third = Math.max(1, samples.size() / 3);
        double first = samples.subList(0, third).stream().mapToDouble(value).average().orElse(0);
        double last = samples.subList(samples.size() - third, samples.size()).stream().mapToDouble(value).average().orElse(0);
        double change = first == 0 ? 0 : (last - first) / first * 100;
        return new Drift(what, round(first), round(last), round(change), change <= tolerancePercent);
    }

    /** Least-squares slope of {@code value} against the sample time, per minute. */
    private static double slope(List<Sample> samples, ToDoubleFunction<Sample> value) {
        double n = samples.size();
        double mx = samples.stream().mapToDouble(Sample::atMinutes).sum() / n;
        double my = samples.stream().mapToDouble(value).sum() / n;
        double num = 0;
        double den = 0;
        for (Sample s : samples) {
            num += (s.atMinutes() - mx) * (value.applyAsDouble(s) - my);
            den += (s.atMinutes() - mx) * (s.atMinutes() - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
