package vn.lgsp.hub.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from the kernel's own accounting (/proc). */
public final class ProcessStats {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ProcessStats() {
    }

    /** User + system CPU time consumed so far, in microseconds. */
    public static long cpuMicros(long pid) throws IOException {
        String[] fields = statFields(pid);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1_000_000 / TICKS_PER_SECOND;
    }

    /** User + system CPU time of the process's children that ended and were waited for, in microseconds. */
    public static long endedChildrenCpuMicros(long pid) throws IOException {
        String[] fields = statFields(pid);
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 1_000_000 / TICKS_PER_SECOND;
    }

    /** The process's parent. */
    public static long parentPid(long pid) throws IOException {
        return Long.parseLong(statFields(pid)[1]);
    }

    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Resident set size in MiB. */
    public static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
