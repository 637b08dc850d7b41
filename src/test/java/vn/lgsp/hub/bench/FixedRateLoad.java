package vn.lgsp.hub.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop load at a fixed rate (what wrk2 does): each request has an intended start time,
 * and its latency is measured from that time, so a stalled server cannot hide its stalls by
 * slowing the load down (coordinated omission).
 */
final class FixedRateLoad {

    record Result(long sent, long ok, long failed, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    }

    private FixedRateLoad() {
    }

    static Result run(Vertx vertx, String host, int port, LoadRequest load, int rate, int seconds)
            throws InterruptedException {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(256).setKeepAlive(true));
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = (long) rate * seconds;
        CountDownLatch done = new CountDownLatch((int) total);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(load.method())).setHost(host).setPort(port)
                .setURI(load.path());
        load.headers().forEach(options::putHeader);
        Buffer payload = load.body() == null ? null : Buffer.buffer(load.body());
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            client.request(options)
                    .compose(request -> (payload == null ? request.send() : request.send(payload)).compose(response -> response.body().map(body -> response.statusCode())))
                    .onComplete(result -> {
                        long latency = System.nanoTime() - intended;
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                        }
                        if (result.succeeded() && result.result() < 400) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        done.await(seconds + 30L, TimeUnit.SECONDS);
        client.close();
        synchronized (histogram) {
            return new Result(total, ok.get(), failed.get(), ms(histogram.getValueAtPercentile(50)),
                    ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
        }
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
