package vn.lgsp.hub.bench;

import vn.lgsp.hub.testing.ProcessStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a run's CPU went on this machine: the hub (or the gateway measured in its place, with its
 * child processes: nginx's workers), PostgreSQL (the postmaster and its children), this JVM (the
 * Kafka broker and the provider stub live here) and the load generator (wrk, counted once it
 * ended, as a child this JVM waited for). On two shared cores the hub's throughput is bounded by
 * all of them together, so the suite reports each.
 */
record CpuShares(Map<String, Long> micros) {

    static final String HUB = "hub";
    static final String POSTGRES = "postgres";
    static final String KAFKA_AND_STUB = "kafka+stub";
    static final String WRK = "wrk";

    /** {@code postmasterPid}: the PostgreSQL server this run uses; others on the machine are not counted. */
    static CpuShares now(long hubPid, long postmasterPid) throws IOException {
        long self = ProcessHandle.current().pid();
        Map<String, Long> micros = new LinkedHashMap<>();
        micros.put(HUB, 0L);
        micros.put(POSTGRES, 0L);
        micros.put(KAFKA_AND_STUB, 0L);
        micros.put(WRK, ProcessStats.endedChildrenCpuMicros(self));
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                try {
                    String group = pid == hubPid || (hubPid > 0 && ProcessStats.parentPid(pid) == hubPid) ? HUB : pid == self ? KAFKA_AND_STUB
                            : pid == postmasterPid || ProcessStats.parentPid(pid) == postmasterPid ? POSTGRES : null;
                    if (group != null) {
                        micros.merge(group, ProcessStats.cpuMicros(pid), Long::sum);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended between listing and reading
                }
            }
        }
        return new CpuShares(micros);
    }

    /** CPU microseconds per request of each group between {@code before} and this snapshot. */
    Map<String, Double> perRequestSince(CpuShares before, long requests) {
        Map<String, Double> perRequest = new LinkedHashMap<>();
        micros.forEach((group, after) -> perRequest.put(group,
                requests == 0 ? 0 : Math.round((after - before.micros.getOrDefault(group, 0L)) * 10.0 / requests) / 10.0));
        return perRequest;
    }
}
