package vn.lgsp.hub.events;

import io.vertx.core.Context;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push delivery of one subscription on this hub instance.
 *
 * <p>Threading: the worker owns one {@link KafkaConsumer} (not thread-safe; its poll blocks) on
 * a thread of its own, {@code lgsp-subscription-<id>}, which is the only thread that touches it:
 * it polls, pauses and resumes partitions, and commits offsets. Pushes themselves run
 * asynchronously on a Vert.x event-loop context and never block it.
 *
 * <p>Ordering and sharing: the consumer is in group {@code lgsp.subscription.<id>}, shared by
 * every hub instance, so Kafka gives each partition to exactly one instance. Within a partition
 * (hence within a key) events are pushed one at a time, in offset order: the next starts when
 * the previous one is delivered or dead-lettered. Partitions are pushed in parallel. A partition
 * with {@code max-buffered-per-partition} events waiting is paused, so poll keeps the group
 * membership alive while a subscriber is down without reading further.
 *
 * <p>At least once: the offset after an event is committed only once the event is delivered
 * (or dead-lettered) and recorded. A killed instance leaves its uncommitted events to the
 * instance that gets the partition next, which pushes them again (subscribers de-duplicate by
 * {@code X-LGSP-Event-Id}).
 */
final class SubscriptionWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(SubscriptionWorker.class);

    /** The events of one assigned partition, pushed one at a time. */
    private final class Lane {
        final TopicPartition partition;
        final ArrayDeque<Item> waiting = new ArrayDeque<>();
        volatile boolean revoked;
        boolean busy;
        volatile long done = -1;
        long committed = -1;
        boolean paused;

        Lane(TopicPartition partition) {
            this.partition = partition;
        }

        synchronized int size() {
            return waiting.size() + (busy ? 1 : 0);
        }

        /** Called by the worker thread with newly polled events. */
        void add(List<Item> items) {
            Item first = null;
            synchronized (this) {
                waiting.addAll(items);
                if (!busy && !waiting.isEmpty()) {
                    busy = true;
                    first = waiting.poll();
                }
            }
            if (first != null) {
                push(first);
            }
        }

        private void push(Item item) {
            delivery.deliver(context, subscription, item.item(), () -> running && !revoked).onComplete(r -> finished(item));
        }

        private void finished(Item item) {
            if (revoked || !running) {
                return;
            }
            done = item.item().offset() + 1;
            Item next;
            synchronized (this) {
                next = waiting.poll();
                busy = next != null;
            }
            if (next != null) {
                push(next);
            }
        }
    }

    private record Item(PushDelivery.Item item) {
    }

    private final Subscription subscription;
    private final EventKafka kafka;
    private final PushDelivery delivery;
    private final EventsConfig config;
    private final Context context;
    private final Map<TopicPartition, Lane> lanes = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    SubscriptionWorker(Subscription subscription, EventKafka kafka, PushDelivery delivery, EventsConfig config, Context context,
                       String instance) {
        this.subscription = subscription;
        this.kafka = kafka;
        this.delivery = delivery;
        this.config = config;
        this.context = context;
        this.thread = new Thread(this, "lgsp-subscription-" + subscription.id());
        this.thread.setDaemon(true);
        this.clientId = "lgsp-" + instance + "-" + subscription.id();
    }

    private final String clientId;

    void start() {
        thread.start();
    }

    Subscription subscription() {
        return subscription;
    }

    /**
     * Stops polling and pushing within one poll interval (100 ms), committing what was delivered;
     * events not yet committed are pushed by whoever reads the partition next.
     */
    void stop() {
        running = false;
    }

    void join(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    @Override
    public void run() {
        Map<Integer, Long> start = Offsets.parse(subscription.startOffsets());
        try (KafkaConsumer<String, String> c = kafka.consumer(subscription.groupId(), clientId)) {
            consumer = c;
            if (!running) {
                return;
            }
            c.subscribe(List.of(subscription.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit(c, partitions);
                    partitions.forEach(p -> {
                        Lane lane = lanes.remove(p);
                        if (lane != null) {
                            lane.revoked = true;
                        }
                    });
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> {
                        Lane lane = lanes.remove(p);
                        if (lane != null) {
                            lane.revoked = true;
                        }
                    });
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.copyOf(partitions));
                    for (TopicPartition p : partitions) {
                        Lane lane = new Lane(p);
                        OffsetAndMetadata at = committed.get(p);
                        if (at == null) {
                            // A new subscription starts where the topic was when it was created.
                            long from = start.getOrDefault(p.partition(), 0L);
                            c.seek(p, from);
                            lane.committed = from;
                        } else {
                            lane.committed = at.offset();
                        }
                        lanes.put(p, lane);
                    }
                }
            });
            long lastCommit = System.nanoTime();
            while (running) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(100));
                for (TopicPartition p : records.partitions()) {
                    Lane lane = lanes.get(p);
                    if (lane == null) {
                        continue;
                    }
                    List<ConsumerRecord<String, String>> polled = records.records(p);
                    lane.add(polled.stream().map(r -> new Item(item(r))).toList());
                }
                flowControl(c);
                if (System.nanoTime() - lastCommit >= config.commitInterval().toNanos()) {
                    commit(c, lanes.keySet());
                    lastCommit = System.nanoTime();
                }
            }
            commit(c, lanes.keySet());
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.errorf(e, "delivery worker of subscription %s failed; it is restarted at the next reconciliation", subscription.id());
        } finally {
            running = false;
            lanes.values().forEach(lane -> lane.revoked = true);
            lanes.clear();
        }
    }

    boolean alive() {
        return thread.isAlive();
    }

    private void flowControl(KafkaConsumer<String, String> c) {
        for (Lane lane : lanes.values()) {
            int size = lane.size();
            if (!lane.paused && size >= config.maxBufferedPerPartition()) {
                c.pause(List.of(lane.partition));
                lane.paused = true;
            } else if (lane.paused && size < Math.max(1, config.maxBufferedPerPartition() / 2)) {
                c.resume(List.of(lane.partition));
                lane.paused = false;
            }
        }
    }

    private void commit(KafkaConsumer<String, String> c, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition p : partitions) {
            Lane lane = lanes.get(p);
            if (lane != null && lane.done > lane.committed) {
                offsets.put(p, new OffsetAndMetadata(lane.done));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            c.commitSync(offsets, Duration.ofSeconds(10));
            offsets.forEach((p, o) -> {
                Lane lane = lanes.get(p);
                if (lane != null) {
                    lane.committed = o.offset();
                }
            });
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("subscription %s could not commit offsets (they are pushed again after a rebalance): %s", subscription.id(), e.toString());
        }
    }

    private static PushDelivery.Item item(ConsumerRecord<String, String> r) {
        Header id = r.headers().lastHeader("lgsp-event-id");
        String eventId = id == null ? r.topic() + "/" + r.partition() + "/" + r.offset() : new String(id.value(), StandardCharsets.UTF_8);
        return new PushDelivery.Item(eventId, r.key() == null ? eventId : r.key(), r.topic(), r.partition(), r.offset(), r.value(),
                versionOf(r.value()));
    }

    /** The event type version from the envelope, without parsing it all. */
    private static String versionOf(String envelope) {
        int at = envelope == null ? -1 : envelope.indexOf("\"dataschemaversion\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + "\"dataschemaversion\":\"".length();
        int end = envelope.indexOf('"', from);
        return end < 0 ? null : envelope.substring(from, end);
    }
}
