package vn.lgsp.hub.events;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The hub's own Kafka clients for events: one producer (acks=all, idempotent) shared by every
 * publication, and an admin client that creates the event topics. Both take every {@code kafka.*}
 * setting (brokers, security) like the rest of the hub.
 *
 * <p>Threading: {@link KafkaProducer#send} can block its caller while it fetches a topic's
 * metadata, so sends are handed to one dedicated thread and never made on an event loop; the
 * acknowledgement arrives on the producer's I/O thread and completes a future that callers move
 * back to their Vert.x context.
 */
@ApplicationScoped
public class EventKafka {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    EventsConfig config;

    private volatile KafkaProducer<String, String> producer;
    private volatile Admin admin;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lgsp-events-producer");
        t.setDaemon(true);
        return t;
    });

    /** Common client settings: the hub's {@code kafka.*} keys. */
    public Properties clientProperties() {
        Properties props = new Properties();
        kafka.forEach((key, value) -> {
            if (value != null && !key.startsWith("health") && !key.startsWith("snappy") && !key.startsWith("devservices")) {
                props.put(key, value.toString());
            }
        });
        return props;
    }

    /** The topic of an event type. */
    public String topic(String provider, String eventType) {
        return config.topicPrefix() + "." + provider + "." + eventType;
    }

    /** Sends and completes once every in-sync replica has the record (acks=all). */
    public CompletionStage<RecordMetadata> send(ProducerRecord<String, String> record) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    producer().send(record, (metadata, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(failure);
                        } else {
                            done.complete(metadata);
                        }
                    });
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Creates the topic with the configured partitions and replication; an existing topic is fine. */
    public CompletionStage<Void> createTopic(String topic) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(config.partitions()), config.replicationFactor());
        CompletableFuture<Void> done = new CompletableFuture<>();
        admin().createTopics(List.of(newTopic)).all().whenComplete((v, failure) -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            if (cause == null || cause instanceof TopicExistsException) {
                done.complete(null);
            } else {
                done.completeExceptionally(cause);
            }
        });
        return done;
    }

    /** The next offset of every partition of the topic now: where a new subscription starts. */
    public CompletionStage<Map<Integer, Long>> endOffsets(String topic) {
        CompletableFuture<Map<Integer, Long>> done = new CompletableFuture<>();
        admin().describeTopics(List.of(topic)).allTopicNames().whenComplete((topics, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            TopicDescription description = topics.get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            admin().listOffsets(request).all().whenComplete((offsets, listFailure) -> {
                if (listFailure != null) {
                    done.completeExceptionally(listFailure);
                    return;
                }
                Map<Integer, Long> result = new TreeMap<>();
                offsets.forEach((tp, info) -> result.put(tp.partition(), info.offset()));
                done.complete(result);
            });
        });
        return done;
    }

    /** A new consumer of events (String keys and values, no auto-commit); the caller owns and closes it. */
    public KafkaConsumer<String, String> consumer(String groupId, String clientId) {
        Properties props = clientProperties();
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = clientProperties();
                    long timeout = config.publishTimeout().toMillis();
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout, 10_010)));
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
                    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Math.max(1_048_576, config.maxEventBytes() * 2)));
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "lgsp-events-publisher");
                    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties props = clientProperties();
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "lgsp-events-admin");
                    admin = Admin.create(props);
                }
                a = admin;
            }
        }
        return a;
    }

    void stop(@Observes ShutdownEvent event) {
        sender.shutdown();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Partition and offset of an acknowledged record, for answers and logs. */
    static String position(RecordMetadata m) {
        return m.partition() + ":" + m.offset();
    }
}
