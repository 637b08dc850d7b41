package vn.lgsp.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's {@code wrk} for a closed-loop saturation measurement and reads its summary. */
final class Wrk {

    /** {@code errorLines}: wrk's own lines about failed requests, for the reader to see which kind. */
    record Result(double requestsPerSecond, long requests, long errors, String errorLines) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    static Result run(String base, LoadRequest request, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s"));
        request.headers().forEach((name, value) -> {
            command.add("-H");
            command.add(name + ": " + value);
        });
        if (request.body() != null) {
            // wrk takes a method and body only from a Lua script; the body is read from a file so no quoting can break it.
            Path body = Files.createTempFile("wrk-body", ".txt");
            Files.writeString(body, request.body());
            Path script = Files.createTempFile("wrk-request", ".lua");
            Files.writeString(script, "wrk.method = \"" + request.method() + "\"\n"
                    + "local f = io.open(\"" + body + "\", \"rb\")\nwrk.body = f:read(\"*a\")\nf:close()\n");
            command.add("-s");
            command.add(script.toString());
        }
        command.add(base + request.path());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        Matcher rps = RPS.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rps.find() || !total.find()) {
            throw new IOException("unexpected wrk output: " + out);
        }
        String errorLines = out.lines().filter(line -> line.contains("Non-2xx") || line.contains("Socket errors"))
                .map(String::trim).collect(java.util.stream.Collectors.joining("; "));
        return new Result(Double.parseDouble(rps.group(1)), Long.parseLong(total.group(1)), errors, errorLines);
    }
}
