package vn.lgsp.hub.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Asynchronous sharing: event topics, publication and delivery. Every key is in docs/configuration.md. */
@ConfigMapping(prefix = "lgsp.events")
public interface EventsConfig {

    /** Prefix of the Kafka topic of each event type: {@code <prefix>.<provider>.<event-type>}. */
    @WithDefault("lgsp.events")
    String topicPrefix();

    /** Partitions of a new event topic: the most deliveries of one subscription in flight at once. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of a new event topic; unset = the brokers' default.replication.factor. */
    Optional<Short> replicationFactor();

    /** Longest wait for Kafka's acknowledgement (acks=all) of a publication. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** Largest event (the JSON body of a publication). */
    @WithDefault("1048576")
    int maxEventBytes();

    /**
     * Largest event body pushed to a subscriber's endpoint: the push road's request limit, as a
     * service's is on the sharing road. A larger event is dead-lettered at once, never retried.
     */
    @WithDefault("1048576")
    int maxPushBytes();

    /** Run push delivery workers on this instance (every instance shares the work through Kafka groups). */
    @WithDefault("true")
    boolean deliveryEnabled();

    /** Default most attempts a subscriber may refuse an event before it goes to the dead-letter store. */
    @WithDefault("8")
    int maxAttempts();

    /** Back-off after the first failed attempt; doubled at each attempt, with jitter. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** Longest back-off between attempts (also the retry period while a subscriber is unreachable). */
    @WithDefault("5m")
    Duration maxBackoff();

    /** Events read ahead per partition before the partition is paused. */
    @WithDefault("500")
    int maxBufferedPerPartition();

    /** How often delivered offsets are committed to Kafka. */
    @WithDefault("500ms")
    Duration commitInterval();

    /** Threads serving pull requests (each long poll holds one while it waits). */
    @WithDefault("16")
    int pullThreads();

    /** Longest long-poll a pull request may ask for with {@code wait}. */
    @WithDefault("60s")
    Duration maxPullWait();

    /** Most events one pull returns. */
    @WithDefault("500")
    int maxPullEvents();
}
