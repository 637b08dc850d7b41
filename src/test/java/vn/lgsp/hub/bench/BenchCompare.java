package vn.lgsp.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Summarises bench/compare.sh's runs: for each side (before, after) and scenario, the median and
 * spread of each figure over the rounds, and the after/before ratio of the medians.
 */
public final class BenchCompare {

    /** One figure's median and spread over the rounds. */
    record Spread(double median, double min, double max, int runs) {
        static Spread of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Spread(median, sorted[0], sorted[n - 1], n);
        }

        /** "median (min-max)", to three significant figures or so. */
        String describe() {
            return runs == 1 ? format(median) : format(median) + " (" + format(min) + "-" + format(max) + ")";
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 1 ? "%.1f" : "%.3f", value);
        }
    }

    private static final Map<String, Function<JsonNode, Double>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("rps", s -> s.path("rps").asDouble());
        FIGURES.put("ratioToS0", s -> s.path("ratioToS0").asDouble());
        FIGURES.put("p50Ms", s -> s.path("fixed").path("p50Ms").asDouble());
        FIGURES.put("p99Ms", s -> s.path("fixed").path("p99Ms").asDouble());
        FIGURES.put("hubCpuMicrosPerRequest", s -> s.path("cpuMicrosPerRequest").isNumber() ? s.path("cpuMicrosPerRequest").asDouble() : null);
        FIGURES.put("postgresCpuMicrosPerRequest", s -> s.path("cpuByProcess").path("postgres").isNumber()
                ? s.path("cpuByProcess").path("postgres").asDouble() : null);
        FIGURES.put("fixedRate", s -> s.path("fixedRate").isNumber() ? s.path("fixedRate").asDouble() : null);
        FIGURES.put("errors", s -> s.path("errors").asDouble() + s.path("fixed").path("failed").asDouble());
    }

    private BenchCompare() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        // side -> scenario -> figure -> values over rounds
        Map<String, Map<String, Map<String, List<Double>>>> values = new TreeMap<>();
        try (Stream<Path> runs = Files.list(dir)) {
            for (Path run : runs.filter(Files::isDirectory).sorted().toList()) {
                String side = run.getFileName().toString().replaceFirst("-\\d+$", "");
                collect(mapper.readTree(onlyJson(run).toFile()).path("scenarios"), values.computeIfAbsent(side, k -> new TreeMap<>()));
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("before", args.length > 1 ? args[1] : "before");
        summary.put("after", args.length > 2 ? args[2] : "after");
        summary.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        Map<String, Object> sides = new LinkedHashMap<>();
        values.forEach((side, scenarios) -> {
            Map<String, Object> bySide = new LinkedHashMap<>();
            scenarios.forEach((scenario, figures) -> {
                Map<String, Spread> spreads = new LinkedHashMap<>();
                figures.forEach((figure, list) -> spreads.put(figure, Spread.of(list)));
                bySide.put(scenario, spreads);
            });
            sides.put(side, bySide);
        });
        summary.put("sides", sides);
        summary.put("afterOverBefore", ratios(values));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("compare.json").toFile(), summary);
        print(values);
        System.out.println("\nwritten " + dir.resolve("compare.json"));
    }

    /** Adds each scenario's figures (one run's, or several rounds') to {@code into}: scenario -> figure -> values. */
    static void collect(JsonNode scenarios, Map<String, Map<String, List<Double>>> into) {
        for (JsonNode scenario : scenarios) {
            Map<String, List<Double>> figures = into.computeIfAbsent(scenario.path("name").asText(), k -> new LinkedHashMap<>());
            FIGURES.forEach((name, read) -> {
                Double value = read.apply(scenario);
                if (value != null) {
                    figures.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            });
        }
    }

    private static Map<String, Map<String, Double>> ratios(Map<String, Map<String, Map<String, List<Double>>>> values) {
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> before = values.getOrDefault("before", Map.of());
        values.getOrDefault("after", Map.of()).forEach((scenario, figures) -> figures.forEach((figure, list) -> {
            List<Double> old = before.getOrDefault(scenario, Map.of()).get(figure);
            if (old != null && Spread.of(old).median() != 0) {
                ratios.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
                        .put(figure, Math.round(Spread.of(list).median() / Spread.of(old).median() * 1000) / 1000.0);
            }
        }));
        return ratios;
    }

    private static void print(Map<String, Map<String, Map<String, List<Double>>>> values) {
        System.out.printf(Locale.ROOT, "%-7s %-4s %-24s %10s %10s %10s %5s%n", "side", "", "figure", "median", "min", "max", "runs");
        values.forEach((side, scenarios) -> scenarios.forEach((scenario, figures) -> figures.forEach((figure, list) -> {
            Spread s = Spread.of(list);
            System.out.printf(Locale.ROOT, "%-7s %-4s %-24s %10.3f %10.3f %10.3f %5d%n", side, scenario, figure, s.median(), s.min(),
                    s.max(), s.runs());
        })));
        System.out.println("\nafter/before (ratio of medians)");
        ratios(values).forEach((scenario, figures) -> System.out.printf(Locale.ROOT, "%-4s %s%n", scenario, figures));
    }

    private static Path onlyJson(Path run) {
        try (Stream<Path> files = Files.list(run)) {
            Path[] json = files.filter(f -> f.toString().endsWith(".json")).toArray(Path[]::new);
            if (json.length != 1) {
                throw new IllegalStateException(run + " should hold one suite result, holds " + Arrays.toString(json));
            }
            return json[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
