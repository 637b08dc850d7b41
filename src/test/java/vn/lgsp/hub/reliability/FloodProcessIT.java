package vn.lgsp.hub.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.HubProcess;
import vn.lgsp.hub.testing.ProcessStats;
import vn.lgsp.hub.testing.ProcessTestBed;
import vn.lgsp.hub.testing.RawHttp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client flood against the real hub process: thousands of idle and slow-loris connections and
 * a request with huge headers, while a well-behaved consumer keeps calling. Memory stays bounded
 * and the well-behaved consumer keeps being served.
 */
class FloodProcessIT {

    private static ProcessTestBed bed;
    private static HubProcess hub;
    private static URI target;
    private static String consumer;

    @BeforeAll
    static void start() throws Exception {
        bed = ProcessTestBed.start("flood");
        hub = bed.startHub("flood");
        bed.share("records");
        consumer = bed.consumer();
        target = bed.shareUri(hub.port(), "records", "/x");
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @Test
    void floodsOfIdleAndSlowConnectionsDoNotStopOtherCallers() throws Exception {
        int connections = Math.min(10_000, openFileLimit() / 2 - 500);
        List<SocketChannel> flood = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", hub.port()));
                if (i % 2 == 0) {
                    // slow-loris: a request line and half a header, never finished
                    channel.write(ByteBuffer.wrap(("GET " + target.getPath() + " HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                            .getBytes(StandardCharsets.US_ASCII)));
                }
                flood.add(channel);
            }
            double rssDuringFlood = ProcessStats.rssMiB(hub.pid());

            HttpClient client = HttpClient.newHttpClient();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(callers.submit(() -> client.send(HttpRequest.newBuilder(target).header(ProcessTestBed.CONSUMER_HEADER, consumer)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            int ok = 0;
            for (Future<Integer> call : calls) {
                ok += call.get(60, TimeUnit.SECONDS) == 200 ? 1 : 0;
            }
            callers.shutdown();
            assertEquals(200, ok, "the well-behaved consumer is served during the flood");
            assertTrue(hub.alive());
            assertTrue(rssDuringFlood < 1_200, "resident memory with " + connections + " open connections: " + rssDuringFlood + " MiB");
            System.out.printf("flood: %d connections held, hub RSS %.0f MiB, 200/200 calls served%n", connections, rssDuringFlood);
        } finally {
            for (SocketChannel channel : flood) {
                channel.close();
            }
        }
    }

    @Test
    void hugeHeadersAreRefusedNotBuffered() throws IOException {
        String huge = "X-Huge: " + "a".repeat(100_000) + "\r\n";
        String answer = RawHttp.exchange(hub.port(), "GET " + target.getPath() + " HTTP/1.1\r\nHost: x\r\n" + ProcessTestBed.CONSUMER_HEADER + ": "
                + consumer + "\r\n" + huge + "Connection: close\r\n\r\n");
        int status = answer.isEmpty() ? 0 : RawHttp.status(answer);
        assertTrue(status == 431 || status == 400 || status == 0, "refused: " + answer.lines().findFirst().orElse("(closed)"));
        assertTrue(hub.alive());
    }

    private static int openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Integer.parseInt(line.replaceAll("^Max open files\\s+(\\d+).*$", "$1"));
            }
        }
        return 1024;
    }
}
