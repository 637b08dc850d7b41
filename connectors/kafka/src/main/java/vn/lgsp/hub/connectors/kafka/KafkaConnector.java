package vn.lgsp.hub.connectors.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorContext;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.support.http.BufferReadStream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Carries an exchange to a provider over Kafka. The request body is written to the request topic
 * (acks=all) with the exchange in headers; one-way endpoints answer 202 once Kafka has it,
 * request/reply endpoints wait for the record on the reply topic whose {@code lgsp-correlation-id}
 * header matches, up to the endpoint's {@code requestTimeout}.
 *
 * <p>Threading: {@code exchange} never blocks its event loop. {@link KafkaProducer#send} may block
 * on metadata, so sends run on the connector's own sender thread; replies are read by the
 * connector's own reply thread, the only one that touches its {@link KafkaConsumer}; results are
 * handed back to the caller's Vert.x context.
 *
 * <p>Egress: the bootstrap address passes the hub's egress policy before any client is made, and
 * the brokers leading the request topic's partitions before each record is sent (the reply
 * topic's before the reply consumer reads); see {@link BrokerEgress}.
 */
final class KafkaConnector implements Connector {

    static final String CORRELATION = "lgsp-correlation-id";
    static final String REPLY_TOPIC = "lgsp-reply-topic";
    static final String STATUS = "lgsp-status";
    private static final int MAX_BODY = 1_048_576;

    private record Pending(Promise<ConnectorResponse> promise, Context context, long timer) {
    }

    private final EndpointSettings settings;
    private final KafkaAddress address;
    private final ConnectorContext hub;
    private final Properties producerSettings;
    private final ExecutorService sender;
    private final BrokerEgress egress;
    /** Made on the sender thread once the bootstrap address passed the egress policy (a client connects at once). */
    private volatile KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Promise<Void> replyReady = Promise.promise();
    private final BrokerReachability brokers;
    private volatile boolean closed;
    private Thread replyThread;
    private volatile KafkaConsumer<byte[], byte[]> replyConsumer;

    KafkaConnector(EndpointSettings settings, KafkaAddress address, ConnectorContext hub) {
        this.settings = settings;
        this.address = address;
        this.hub = hub;
        this.brokers = new BrokerReachability(settings.id(), address.bootstrap());
        this.egress = new BrokerEgress(hub.egress());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address.bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        long timeout = Math.max(1, settings.requestTimeout().toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.max(1_000, timeout)));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1_000, timeout)));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1_000, timeout) + 1_000));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "lgsp-connector-" + settings.id());
        this.producerSettings = props;
        this.sender = Executors.newSingleThreadExecutor(r -> daemon(r, "lgsp-kafka-connector-send-" + settings.id()));
        if (address.oneWay()) {
            replyReady.complete();
        } else {
            replyThread = daemon(this::readReplies, "lgsp-kafka-connector-reply-" + settings.id());
            replyThread.start();
        }
    }

    @Override
    public Future<ConnectorResponse> exchange(ConnectorRequest request) {
        Context context = hub.vertx().getOrCreateContext();
        if (closed) {
            return Future.failedFuture(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "connector closed"));
        }
        Future<ConnectorResponse> sent = readBody(request).compose(body -> ready(context)
                .compose(ready -> egress.bootstrap(address.bootstrap()))
                .compose(allowed -> onSender(() -> producer().partitionsFor(address.requestTopic())))
                .compose(egress::leaders)
                .compose(allowed -> send(request, body, context)));
        // Egress and metadata answers complete on other threads; the caller gets its own context.
        Promise<ConnectorResponse> answer = Promise.promise();
        sent.onComplete(result -> context.runOnContext(v -> answer.handle(result)));
        return answer.future();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("connector closed");
        }
        if (producer == null) {
            producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** {@code work} on the sender thread, the only one that touches the producer; Kafka's failures as connector failures. */
    private <T> Future<T> onSender(java.util.concurrent.Callable<T> work) {
        Promise<T> done = Promise.promise();
        try {
            sender.execute(() -> {
                try {
                    done.complete(work.call());
                } catch (Exception e) {
                    brokers.unreachable(e.getClass().getSimpleName());
                    done.fail(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED,
                            "Kafka did not answer (endpoint " + settings.id() + "): " + e.getClass().getSimpleName()));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.fail(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "connector closed"));
        }
        return done.future();
    }

    /** The reply consumer positioned (at once for one-way endpoints), or a timeout. */
    private Future<Void> ready(Context context) {
        if (replyReady.future().isComplete()) {
            return replyReady.future();
        }
        Promise<Void> ready = Promise.promise();
        long timer = hub.vertx().setTimer(Math.max(1, settings.requestTimeout().toMillis()), t -> ready.tryFail(
                new ConnectorException(ConnectorException.Kind.TIMEOUT, "the reply topic is not readable yet (endpoint " + settings.id() + ")")));
        replyReady.future().onComplete(r -> context.runOnContext(v -> {
            hub.vertx().cancelTimer(timer);
            if (r.succeeded()) {
                ready.tryComplete();
            } else {
                ready.tryFail(r.cause());
            }
        }));
        return ready.future();
    }

    private Future<ConnectorResponse> send(ConnectorRequest request, Buffer body, Context context) {
        String correlation = UUID.randomUUID().toString();
        List<Header> headers = new ArrayList<>();
        header(headers, CORRELATION, correlation);
        header(headers, "lgsp-transaction-id", request.transactionId());
        header(headers, "lgsp-method", request.method());
        header(headers, "lgsp-path", request.path());
        header(headers, "lgsp-query", request.rawQuery());
        header(headers, "lgsp-service", request.service() == null ? null : request.service().code() + "/" + request.service().version());
        header(headers, "traceparent", request.traceparent());
        header(headers, "content-type", request.headers() == null ? null : request.headers().get("Content-Type"));
        if (!address.oneWay()) {
            header(headers, REPLY_TOPIC, address.replyTopic());
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(address.requestTopic(), null,
                request.transactionId() == null ? null : request.transactionId().getBytes(StandardCharsets.UTF_8), body.getBytes(), headers);
        Promise<ConnectorResponse> promise = Promise.promise();
        if (!address.oneWay()) {
            long timer = hub.vertx().setTimer(Math.max(1, settings.requestTimeout().toMillis()), t -> {
                Pending gone = pending.remove(correlation);
                if (gone != null) {
                    gone.promise().tryFail(new ConnectorException(ConnectorException.Kind.TIMEOUT,
                            "no reply on the reply topic within the endpoint's timeout (endpoint " + settings.id() + ")"));
                }
            });
            pending.put(correlation, new Pending(promise, context, timer));
        }
        sender.execute(() -> {
            try {
                producer().send(record, (metadata, failure) -> context.runOnContext(v -> {
                    if (failure != null) {
                        brokers.unreachable(failure.getClass().getSimpleName());
                        Pending gone = pending.remove(correlation);
                        if (gone != null) {
                            hub.vertx().cancelTimer(gone.timer());
                        }
                        promise.tryFail(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED,
                                "Kafka did not accept the request (endpoint " + settings.id() + "): " + failure.getClass().getSimpleName()));
                    } else {
                        brokers.reachable();
                        if (address.oneWay()) {
                            promise.tryComplete(new ConnectorResponse(202, MultiMap.caseInsensitiveMultiMap(),
                                    new BufferReadStream(context, Buffer.buffer()), 0, null));
                        }
                    }
                }));
            } catch (RuntimeException e) {
                brokers.unreachable(e.getClass().getSimpleName());
                context.runOnContext(v -> {
                    pending.remove(correlation);
                    promise.tryFail(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED,
                            "Kafka did not accept the request (endpoint " + settings.id() + ")", e));
                });
            }
        });
        return promise.future();
    }

    private Future<Buffer> readBody(ConnectorRequest request) {
        Promise<Buffer> read = Promise.promise();
        if (request.body() == null) {
            read.complete(Buffer.buffer());
            return read.future();
        }
        Buffer body = Buffer.buffer();
        request.body().exceptionHandler(read::tryFail).handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY) {
                read.tryFail(new IllegalArgumentException("the request is larger than a Kafka message may be here (1 MiB)"));
            } else {
                body.appendBuffer(chunk);
            }
        }).endHandler(v -> read.tryComplete(body));
        request.body().resume();
        return read.future();
    }

    /** The reply thread: assigned every partition of the reply topic, from its end, matching correlation ids. */
    private void readReplies() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address.bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lgsp-connector-reply-" + settings.id());
        if (!passes(egress.bootstrap(address.bootstrap()))) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            replyConsumer = consumer;
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && !closed) {
                try {
                    List<PartitionInfo> infos = consumer.partitionsFor(address.replyTopic(), Duration.ofSeconds(5));
                    if (!passes(egress.leaders(infos))) {
                        return;
                    }
                    for (PartitionInfo info : infos) {
                        partitions.add(new TopicPartition(address.replyTopic(), info.partition()));
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    brokers.unreachable("reply topic " + address.replyTopic() + " not readable within 5 s");
                }
            }
            brokers.reachable();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            replyReady.tryComplete();
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header correlation = record.headers().lastHeader(CORRELATION);
                    Pending waiting = correlation == null ? null : pending.remove(new String(correlation.value(), StandardCharsets.UTF_8));
                    if (waiting != null) {
                        answer(waiting, record);
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } catch (RuntimeException e) {
            replyReady.tryFail(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "reply topic unusable", e));
        }
    }

    /** On the reply thread: waits for an egress check; a refusal fails every exchange waiting for replies. */
    private boolean passes(Future<Void> check) {
        try {
            check.toCompletionStage().toCompletableFuture().get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replyReady.tryFail(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "connector closed"));
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            replyReady.tryFail(e.getCause() instanceof ConnectorException refused ? refused
                    : new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "reply topic unusable", e.getCause()));
            return false;
        }
    }

    private void answer(Pending waiting, ConsumerRecord<byte[], byte[]> record) {
        int status = 200;
        Header statusHeader = record.headers().lastHeader(STATUS);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Header contentType = record.headers().lastHeader("content-type");
        if (contentType != null) {
            headers.add("Content-Type", new String(contentType.value(), StandardCharsets.UTF_8));
        }
        String fault = null;
        if (statusHeader != null) {
            try {
                status = Integer.parseInt(new String(statusHeader.value(), StandardCharsets.UTF_8).trim());
                if (status < 100 || status > 599) {
                    fault = "invalid status in the reply";
                    status = 502;
                }
            } catch (NumberFormatException e) {
                fault = "invalid status in the reply";
                status = 502;
            }
        }
        byte[] value = record.value() == null ? new byte[0] : record.value();
        int finalStatus = status;
        String finalFault = fault;
        waiting.context().runOnContext(v -> {
            hub.vertx().cancelTimer(waiting.timer());
            waiting.promise().tryComplete(new ConnectorResponse(finalStatus, headers,
                    new BufferReadStream(waiting.context(), Buffer.buffer(value)), value.length, finalFault));
        });
    }

    private static void header(List<Header> headers, String name, String value) {
        if (value != null) {
            headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> consumer = replyConsumer;
        if (consumer != null) {
            consumer.wakeup();
        }
        sender.shutdown();
        KafkaProducer<byte[], byte[]> made = producer;
        if (made != null) {
            made.close(Duration.ofSeconds(5));
        }
        pending.values().forEach(p -> p.promise().tryFail(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "connector closed")));
        pending.clear();
    }
}
