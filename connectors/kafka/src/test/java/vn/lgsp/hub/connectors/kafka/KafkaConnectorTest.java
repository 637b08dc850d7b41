package vn.lgsp.hub.connectors.kafka;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.ServiceBinding;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.spi.UpstreamAuth;
import vn.lgsp.hub.connector.support.http.BufferReadStream;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.testing.stub.OnEventLoop;
import vn.lgsp.hub.testing.stub.TestConnectorContext;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kafka connector against a real broker, with a provider that answers on a reply topic. */
class KafkaConnectorTest {

    private static EmbeddedKafkaBroker broker;
    private static Vertx vertx;
    private static Thread provider;
    private static final AtomicBoolean running = new AtomicBoolean(true);

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("kafka-connector").resolve("kafka"), 0);
        vertx = Vertx.vertx();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic("tra-cuu.requests", 2, (short) 1), new NewTopic("tra-cuu.replies", 2, (short) 1),
                    new NewTopic("silent.requests", 1, (short) 1), new NewTopic("silent.replies", 1, (short) 1),
                    new NewTopic("notify", 1, (short) 1))).all().get();
        }
        // The provider: reads requests, answers upper-cased on the reply topic named in the request.
        provider = new Thread(() -> {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "provider");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
                 KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                consumer.subscribe(List.of("tra-cuu.requests"));
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        ProducerRecord<String, String> reply = new ProducerRecord<>(header(r, KafkaConnector.REPLY_TOPIC), r.value().toUpperCase());
                        reply.headers().add(KafkaConnector.CORRELATION, header(r, KafkaConnector.CORRELATION).getBytes(StandardCharsets.UTF_8));
                        reply.headers().add(KafkaConnector.STATUS, (r.value().contains("missing") ? "404" : "200").getBytes(StandardCharsets.UTF_8));
                        reply.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                        producer.send(reply);
                    }
                }
            }
        });
        provider.start();
    }

    @AfterAll
    static void stop() throws Exception {
        running.set(false);
        provider.join(5_000);
        vertx.close().toCompletionStage().toCompletableFuture().get();
        broker.close();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static EndpointSettings settings(String address, Duration timeout) {
        return new EndpointSettings("ep-" + UUID.randomUUID(), "kafka", URI.create(address), timeout, timeout, TlsSettings.DEFAULT,
                UpstreamAuth.NONE, Map.of());
    }

    private static ConnectorRequest request(String body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
        return new ConnectorRequest("tx-" + UUID.randomUUID(), null, "POST", "/records", null, headers,
                new BufferReadStream(vertx.getOrCreateContext(), Buffer.buffer(body)), body.length(),
                new ServiceBinding("tra-cuu", "1.0", "POST", "/records", null, Map.of()));
    }

    @Test
    void requestReplyMatchesTheAnswerByCorrelationId() throws Exception {
        Connector connector = new KafkaConnectorFactory().create(
                settings("kafka://" + broker.bootstrapServers() + "/tra-cuu.requests?replyTopic=tra-cuu.replies", Duration.ofSeconds(20)),
                new TestConnectorContext(vertx));
        try {
            for (String body : List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}")) {
                ConnectorResponse response = OnEventLoop.result(vertx, () -> connector.exchange(request(body)));
                assertEquals(200, response.status());
                assertEquals("application/json", response.headers().get("Content-Type"));
                assertEquals(body.toUpperCase(), OnEventLoop.body(vertx, response.body()).toString());
            }
            ConnectorResponse missing = OnEventLoop.result(vertx, () -> connector.exchange(request("{\"id\":\"missing\"}")));
            assertEquals(404, missing.status());
        } finally {
            connector.close();
        }
    }

    @Test
    void noReplyWithinTheTimeoutIsATimeout() throws Exception {
        Connector connector = new KafkaConnectorFactory().create(
                settings("kafka://" + broker.bootstrapServers() + "/silent.requests?replyTopic=silent.replies", Duration.ofMillis(1500)),
                new TestConnectorContext(vertx));
        try {
            Throwable failure = OnEventLoop.failure(vertx, () -> connector.exchange(request("{}")));
            assertInstanceOf(ConnectorException.class, failure);
            assertEquals(ConnectorException.Kind.TIMEOUT, ((ConnectorException) failure).kind());
        } finally {
            connector.close();
        }
    }

    @Test
    void oneWayIsAnswered202OnceKafkaHasTheMessage() throws Exception {
        Connector connector = new KafkaConnectorFactory().create(settings("kafka://" + broker.bootstrapServers() + "/notify", Duration.ofSeconds(10)),
                new TestConnectorContext(vertx));
        try {
            ConnectorResponse response = OnEventLoop.result(vertx, () -> connector.exchange(request("{\"thongBao\":1}")));
            assertEquals(202, response.status());
        } finally {
            connector.close();
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("notify"));
            List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return !seen.isEmpty();
            });
            assertEquals("{\"thongBao\":1}", seen.get(0).value());
            assertEquals("POST", header(seen.get(0), "lgsp-method"));
            assertTrue(header(seen.get(0), "lgsp-transaction-id").startsWith("tx-"));
        }
    }

    @Test
    void aBootstrapAddressThePolicyRefusesIsNeverConnectedTo() throws Exception {
        String port = broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1);
        for (String address : List.of("kafka://" + broker.bootstrapServers() + "/refused.oneway",
                "kafka://" + broker.bootstrapServers() + "/refused.requests?replyTopic=refused.replies")) {
            Connector connector = new KafkaConnectorFactory().create(settings(address, Duration.ofSeconds(5)),
                    TestConnectorContext.refusing(vertx, hostPort -> hostPort.endsWith(":" + port)));
            try {
                Throwable failure = OnEventLoop.failure(vertx, () -> connector.exchange(request("{\"soDinhDanh\":\"0123\"}")));
                assertEquals(ConnectorException.Kind.EGRESS_REFUSED, assertInstanceOf(ConnectorException.class, failure).kind(), address);
            } finally {
                connector.close();
            }
        }
        assertEquals(0, recordsIn("refused.oneway") + recordsIn("refused.requests"), "nothing was written");
    }

    @Test
    void aClusterThatAdvertisesARefusedBrokerGetsNothingWritten() throws Exception {
        // Reached by a name the policy allows, the broker advertises itself as 127.0.0.1: the
        // address records would go to, which this policy refuses.
        String port = broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1);
        Connector connector = new KafkaConnectorFactory().create(settings("kafka://localhost:" + port + "/advertised.oneway", Duration.ofSeconds(5)),
                TestConnectorContext.refusing(vertx, hostPort -> hostPort.startsWith("127.0.0.1:")));
        try {
            Throwable failure = OnEventLoop.failure(vertx, () -> connector.exchange(request("{\"soDinhDanh\":\"0123\"}")));
            assertEquals(ConnectorException.Kind.EGRESS_REFUSED, assertInstanceOf(ConnectorException.class, failure).kind());
        } finally {
            connector.close();
        }
        assertEquals(0, recordsIn("advertised.oneway"), "nothing was written");
    }

    /** Records in {@code topic} (0 when it does not exist). */
    private static long recordsIn(String topic) throws Exception {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of()).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return 0;
            }
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void reportsUnusableSettings() {
        KafkaConnectorFactory factory = new KafkaConnectorFactory();
        assertEquals("kafka", factory.type());
        assertEquals(List.of(), factory.validate(settings("kafka://broker:9092/requests?replyTopic=replies", Duration.ofSeconds(5))));
        assertEquals(List.of("address:unsupported-scheme"), fields(factory, "http://broker:9092/requests"));
        assertEquals(List.of("address:invalid-topic"), fields(factory, "kafka://broker:9092/"));
        assertEquals(List.of("address:unknown-parameter"), fields(factory, "kafka://broker:9092/requests?acks=0"));
        assertEquals(List.of("address:invalid-topic"), fields(factory, "kafka://broker:9092/requests?replyTopic=a%2Fb"));
        assertEquals(List.of("address:userinfo-not-allowed"), fields(factory, "kafka://u:p@broker:9092/requests"));
    }

    private static List<String> fields(KafkaConnectorFactory factory, String address) {
        return factory.validate(settings(address, Duration.ofSeconds(5))).stream().map(p -> p.field() + ":" + p.code())
                .collect(Collectors.toList());
    }
}
