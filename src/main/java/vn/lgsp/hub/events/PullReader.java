package vn.lgsp.hub.events;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads events for pull subscriptions. The cursor is the consumer's: the hub keeps no state
 * between pulls (any instance can serve the next one), and a consumer that pulls again with the
 * same cursor reads the same events again.
 *
 * <p>Threading: a long poll blocks on {@link KafkaConsumer#poll}, so each pull runs on a thread of
 * a dedicated pool ({@code lgsp.events.pull-threads}), never on an event loop; each thread keeps
 * its own consumer (consumers are not thread-safe, and none is shared), assigned by hand (no
 * group) to the partitions of the topic it reads.
 */
@ApplicationScoped
public class PullReader {

    /** What one pull returns: the events and the cursor to pull from next. */
    public record Batch(List<PulledEvent> events, Map<Integer, Long> next) {
    }

    /** One event as read, with its envelope as published. */
    public record PulledEvent(String eventId, int partition, long offset, String envelope) {
    }

    @Inject
    EventKafka kafka;
    @Inject
    EventsConfig config;

    private final AtomicInteger threads = new AtomicInteger();
    private volatile ExecutorService pool;
    private volatile BlockingQueue<KafkaConsumer<String, String>> idle;

    public CompletionStage<Batch> read(String topic, Map<Integer, Long> from, Duration wait, int limit) {
        CompletableFuture<Batch> done = new CompletableFuture<>();
        executor().execute(() -> {
            KafkaConsumer<String, String> consumer = idle.poll();
            if (consumer == null) {
                consumer = kafka.consumer(null, "lgsp-pull-" + threads.incrementAndGet());
            }
            try {
                done.complete(read(consumer, topic, from, wait, limit));
                if (!idle.offer(consumer)) {
                    consumer.close(Duration.ofSeconds(1));
                }
            } catch (RuntimeException e) {
                consumer.close(Duration.ofSeconds(1));
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private Batch read(KafkaConsumer<String, String> consumer, String topic, Map<Integer, Long> from, Duration wait, int limit) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        Map<Integer, Long> next = new TreeMap<>();
        for (TopicPartition p : partitions) {
            long offset = from.getOrDefault(p.partition(), 0L);
            consumer.seek(p, offset);
            next.put(p.partition(), offset);
        }
        // Events already there are returned even with no wait (a first fetch takes a moment).
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        boolean available = partitions.stream().anyMatch(p -> ends.getOrDefault(p, 0L) > next.get(p.partition()));
        List<PulledEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + Math.max(wait.toNanos(), available ? Duration.ofSeconds(5).toNanos() : 0);
        do {
            long remaining = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(Math.min(remaining, 500)));
            for (ConsumerRecord<String, String> r : records) {
                if (events.size() >= limit) {
                    break;
                }
                if (r.offset() < next.get(r.partition())) {
                    continue;
                }
                Header id = r.headers().lastHeader("lgsp-event-id");
                events.add(new PulledEvent(id == null ? r.topic() + "/" + r.partition() + "/" + r.offset()
                        : new String(id.value(), StandardCharsets.UTF_8), r.partition(), r.offset(), r.value()));
                next.put(r.partition(), r.offset() + 1);
            }
        } while (events.isEmpty() && System.nanoTime() < deadline);
        consumer.unsubscribe();
        return new Batch(events, next);
    }

    private ExecutorService executor() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    idle = new ArrayBlockingQueue<>(config.pullThreads());
                    pool = Executors.newFixedThreadPool(config.pullThreads(), r -> {
                        Thread t = new Thread(r, "lgsp-events-pull-" + threads.get());
                        t.setDaemon(true);
                        return t;
                    });
                }
                p = pool;
            }
        }
        return p;
    }

    void stop(@Observes ShutdownEvent event) {
        if (pool != null) {
            pool.shutdownNow();
            KafkaConsumer<String, String> c;
            while ((c = idle.poll()) != null) {
                c.close(Duration.ofSeconds(1));
            }
        }
    }
}
