package vn.lgsp.hub.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.KafkaTopic;
import vn.lgsp.hub.testing.LogCapture;
import vn.lgsp.hub.testing.stub.SelfSignedCertificate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class EndpointResourceIT {

    private static final String ADDRESS = "https://hotich.example.gov.vn/api";

    @Inject
    Pool pool;

    private static String endpoints(String system) {
        return "/api/v1/systems/" + system + "/endpoints";
    }

    @Test
    void createsReadsListsUpdatesAndDeletesAnEndpoint() {
        String system = Api.registerSystem(Api.system(Api.uniqueCode("ep")));
        Map<String, Object> body = Api.httpEndpoint("main", ADDRESS);
        body.put("options", Map.of("maxConnections", "8"));
        Api.json().body(body).post(endpoints(system)).then().statusCode(201)
                .header("Location", endsWith(endpoints(system) + "/main"))
                .header("ETag", equalTo("\"1\""))
                .body("code", equalTo("main"))
                .body("connectorType", equalTo("http"))
                .body("address", equalTo(ADDRESS))
                .body("connectTimeoutMs", equalTo(2000))
                .body("requestTimeoutMs", equalTo(5000))
                .body("tls.verifyHostname", equalTo(true))
                .body("tls.trustAll", equalTo(false))
                .body("auth.type", equalTo("none"))
                .body("auth.secretSet", equalTo(false))
                .body("options.maxConnections", equalTo("8"))
                .body("version", equalTo(1))
                .body("id", nullValue());

        Api.given().get(endpoints(system) + "/main").then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("address", equalTo(ADDRESS));
        Api.addEndpoint(system, Api.httpEndpoint("backup", "http://10.0.0.7:8080/api"));
        Api.given().get(endpoints(system)).then().statusCode(200)
                .body("code", equalTo(List.of("backup", "main")));

        Map<String, Object> changed = Api.httpEndpoint("main", "https://hotich-2.example.gov.vn/v2");
        changed.remove("connectTimeoutMs");
        Api.json().header("If-Match", "\"1\"").body(changed).put(endpoints(system) + "/main").then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("address", equalTo("https://hotich-2.example.gov.vn/v2"))
                .body("connectTimeoutMs", equalTo(EndpointRules.DEFAULT_CONNECT_TIMEOUT_MS))
                .body("options.size()", equalTo(0));

        Api.json().header("If-Match", "\"2\"").delete(endpoints(system) + "/main").then().statusCode(204);
        Api.problem(Api.given().get(endpoints(system) + "/main").then(), 404, "endpoint-not-found");
        Api.given().get(endpoints(system)).then().statusCode(200).body("code", equalTo(List.of("backup")));
        Api.problem(Api.given().get(endpoints("no-such-system")).then(), 404, "system-not-found");
    }

    static Stream<Arguments> invalidEndpoints() {
        return Stream.of(
                invalid("bad code", e -> e.put("code", "Main_1"), "code", "invalid-code"),
                invalid("no connector type", e -> e.remove("connectorType"), "connectorType", "required"),
                // docs/errors.md lists unsupported-connector-type as a 422 problem code; the
                // registry reports it as a field error of a 400 invalid-field answer.
                invalid("unknown connector type", e -> e.put("connectorType", "ftp"), "connectorType", "unsupported-connector-type"),
                invalid("no address", e -> e.remove("address"), "address", "required"),
                invalid("credentials in address", e -> e.put("address", "https://admin:hunter2@hotich.example.gov.vn/api"),
                        "address", "credentials-in-address"),
                invalid("relative address", e -> e.put("address", "/api/records"), "address", "invalid-address"),
                invalid("address without host", e -> e.put("address", "https:///api"), "address", "invalid-address"),
                invalid("address with fragment", e -> e.put("address", ADDRESS + "#top"), "address", "invalid-address"),
                invalid("address not a URL", e -> e.put("address", "https://exa mple.gov.vn/"), "address", "invalid-address"),
                invalid("address too long", e -> e.put("address", ADDRESS + "/" + "a".repeat(2048)), "address", "too-long"),
                // Passes the hub's rules, refused by the connector's own validate().
                invalid("scheme the connector cannot use", e -> e.put("address", "ftp://files.example.gov.vn/in"),
                        "address", "unsupported-scheme"),
                invalid("address with query", e -> e.put("address", ADDRESS + "?a=1"), "address", "query-not-allowed"),
                invalid("connect timeout 0", e -> e.put("connectTimeoutMs", 0), "connectTimeoutMs", "out-of-range"),
                invalid("connect timeout over 60 s", e -> e.put("connectTimeoutMs", 60_001), "connectTimeoutMs", "out-of-range"),
                invalid("request timeout 0", e -> e.put("requestTimeoutMs", 0), "requestTimeoutMs", "out-of-range"),
                invalid("request timeout over 300 s", e -> e.put("requestTimeoutMs", 300_001), "requestTimeoutMs", "out-of-range"),
                invalid("unknown auth type", e -> e.put("auth", Map.of("type", "kerberos", "secret", "x")), "auth.type", "unknown-auth-type"),
                invalid("auth without type", e -> e.put("auth", Map.of("secret", "x")), "auth.type", "required"),
                invalid("bad auth header name", e -> e.put("auth", Map.of("type", "api_key", "header", "X Key", "secret", "x")),
                        "auth.header", "invalid-header"),
                invalid("basic without secret", e -> e.put("auth", Map.of("type", "basic", "username", "hub")), "auth.secret", "required"),
                invalid("api key without secret", e -> e.put("auth", Map.of("type", "api_key", "header", "X-Key")), "auth.secret", "required"),
                invalid("basic without username", e -> e.put("auth", Map.of("type", "basic", "secret", "pw")), "auth.username", "required"),
                invalid("client key without certificate", e -> e.put("tls", Map.of("clientKeyPem", "-----BEGIN PRIVATE KEY-----")),
                        "tls.clientCertificatePem", "required"),
                invalid("CA that is not PEM", e -> e.put("tls", Map.of("caCertificatesPem", "not a certificate")),
                        "tls.caCertificatesPem", "invalid-pem"),
                invalid("option key with a space", e -> e.put("options", Map.of("max connections", "8")), "options", "invalid-key"),
                invalid("option key starting with a digit", e -> e.put("options", Map.of("1st", "8")), "options", "invalid-key"),
                invalid("option key over 64", e -> e.put("options", Map.of("k" + "x".repeat(64), "8")), "options", "invalid-key"),
                invalid("option without value", e -> e.put("options", nullValued("pool")), "options.pool", "required"),
                invalid("option value too long", e -> e.put("options", Map.of("pool", "x".repeat(1001))), "options.pool", "too-long"),
                invalid("option value with control characters", e -> e.put("options", Map.of("pool", "a\u0007")),
                        "options.pool", "control-characters"),
                invalid("too many options", e -> e.put("options", manyOptions(51)), "options", "too-many"),
                invalid("connector option refused by the connector", e -> e.put("options", Map.of("maxConnections", "-1")),
                        "options.maxConnections", "invalid-number"));
    }

    private static Arguments invalid(String name, Consumer<Map<String, Object>> change, String field, String rule) {
        return Arguments.of(name, change, field, rule);
    }

    private static Map<String, String> nullValued(String key) {
        Map<String, String> options = new HashMap<>();
        options.put(key, null);
        return options;
    }

    private static Map<String, String> manyOptions(int count) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < count; i++) {
            options.put("o" + i, "v");
        }
        return options;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEndpoints")
    void refusesInvalidEndpoints(String name, Consumer<Map<String, Object>> change, String field, String rule) {
        String system = Api.registerSystem(Api.system(Api.uniqueCode("bad-ep")));
        Map<String, Object> body = Api.httpEndpoint("main", ADDRESS);
        change.accept(body);
        String answer = Api.invalidField(Api.json().body(body).post(endpoints(system)).then(), field, rule)
                .extract().asString();
        assertFalse(answer.contains("hunter2"), "a submitted value is never echoed");
        Api.given().get(endpoints(system)).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void refusesTrustAllForSecurityLevel3AndAbove() {
        Map<String, Object> sensitive = Api.system(Api.uniqueCode("level3"));
        sensitive.put("securityLevel", 3);
        String system = Api.registerSystem(sensitive);
        Map<String, Object> body = Api.httpEndpoint("main", ADDRESS);
        body.put("tls", Map.of("trustAll", true));
        Api.invalidField(Api.json().body(body).post(endpoints(system)).then(), "tls.trustAll", "not-allowed");

        // The rule is the system's level, not a blanket ban: level 2 may still opt in.
        String relaxed = Api.registerSystem(Api.system(Api.uniqueCode("level2")));
        Api.json().body(body).post(endpoints(relaxed)).then().statusCode(201).body("tls.trustAll", equalTo(true));
    }

    @Test
    void refusesADuplicateCodeAndStaleOrMissingETags() {
        String system = Api.registerSystem(Api.system(Api.uniqueCode("ep-etag")));
        Api.addEndpoint(system, Api.httpEndpoint("main", ADDRESS));
        Api.problem(Api.json().body(Api.httpEndpoint("main", "https://other.example.gov.vn/")).post(endpoints(system)).then(),
                409, "duplicate-endpoint").body("field", equalTo("code"));

        String path = endpoints(system) + "/main";
        Map<String, Object> changed = Api.httpEndpoint("main", "https://other.example.gov.vn/");
        Api.problem(Api.json().body(changed).put(path).then(), 428, "precondition-required");
        Api.problem(Api.json().header("If-Match", "\"7\"").body(changed).put(path).then(), 412, "version-mismatch");
        Api.problem(Api.json().header("If-Match", "\"1\"").body(Api.httpEndpoint("renamed", ADDRESS)).put(path).then(),
                409, "immutable-field");
        Api.problem(Api.given().delete(path).then(), 428, "precondition-required");
        Api.problem(Api.given().header("If-Match", "\"2\"").delete(path).then(), 412, "version-mismatch");
        Api.problem(Api.given().header("If-Match", "\"1\"").delete(endpoints(system) + "/nothing").then(),
                404, "endpoint-not-found");
        // Nothing of the refused changes stuck.
        Api.given().get(path).then().statusCode(200).header("ETag", equalTo("\"1\"")).body("address", equalTo(ADDRESS));
    }

    @Test
    void refusesToDeleteAnEndpointServicesUse() {
        String system = Api.registerSystem(Api.system(Api.uniqueCode("ep-used")));
        Api.addEndpoint(system, Api.httpEndpoint("main", ADDRESS));
        Api.json().body(Api.restService("records", "main")).post("/api/v1/systems/" + system + "/services").then().statusCode(201);
        Api.problem(Api.given().header("If-Match", "\"1\"").delete(endpoints(system) + "/main").then(), 409, "endpoint-in-use");
        Api.given().get(endpoints(system) + "/main").then().statusCode(200);
    }

    @Test
    void aRetiredSystemsEndpointsNoLongerChange() {
        String system = Api.registerSystem(Api.system(Api.uniqueCode("ep-retired")));
        Api.addEndpoint(system, Api.httpEndpoint("main", ADDRESS));
        Api.systemAction(system, "retire");
        Api.problem(Api.json().body(Api.httpEndpoint("other", ADDRESS)).post(endpoints(system)).then(), 409, "invalid-transition");
        Api.problem(Api.json().header("If-Match", "\"1\"").body(Api.httpEndpoint("main", "https://x.example.gov.vn/"))
                .put(endpoints(system) + "/main").then(), 409, "invalid-transition");
        Api.problem(Api.given().header("If-Match", "\"1\"").delete(endpoints(system) + "/main").then(),
                409, "invalid-transition");
        Api.given().get(endpoints(system) + "/main").then().statusCode(200).body("address", equalTo(ADDRESS));
    }

    @Test
    void secretsAreWriteOnlyAndStoredEncrypted(@TempDir Path directory) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        String keyPem = certificate.privateKeyPem();
        // A distinctive line of the key's base64 body: finding it anywhere means the key leaked.
        String keyLine = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        String secret = "api-key-" + UUID.randomUUID();
        String secondSecret = "rotated-" + UUID.randomUUID();
        List<String> leakMarkers = List.of(secret, secondSecret, keyLine);

        String system = Api.registerSystem(Api.system(Api.uniqueCode("secrets")));
        String path = endpoints(system) + "/main";
        List<String> answers = new ArrayList<>();

        try (KafkaTopic topic = new KafkaTopic("lgsp.registry.events"); LogCapture log = new LogCapture("vn.lgsp")) {
            Map<String, Object> body = Api.httpEndpoint("main", ADDRESS);
            body.put("auth", Map.of("type", "api_key", "header", "X-Api-Key", "secret", secret));
            body.put("tls", Map.of("caCertificatesPem", certificate.certificatePem(),
                    "clientCertificatePem", certificate.certificatePem(), "clientKeyPem", keyPem));
            answers.add(Api.json().body(body).post(endpoints(system)).then().statusCode(201)
                    .body("auth.secretSet", equalTo(true))
                    .body("auth.secretUpdatedAt", notNullValue())
                    .body("auth.secret", nullValue())
                    .body("tls.clientKeySet", equalTo(true))
                    .body("tls.clientKeyPem", nullValue())
                    .body("tls.clientCertificatePem", equalTo(certificate.certificatePem()))
                    .extract().asString());
            Response read = Api.given().get(path);
            answers.add(read.then().statusCode(200).extract().asString());
            String secretUpdatedAt = read.path("auth.secretUpdatedAt");
            answers.add(Api.given().get(endpoints(system)).then().statusCode(200).body("code", hasItem("main")).extract().asString());
            byte[][] stored = ciphertexts(system);
            assertStoredEncrypted(stored, system, leakMarkers);

            // Problem answers to requests that carry the secrets: a duplicate, a stale ETag, a bad field.
            answers.add(Api.problem(Api.json().body(body).post(endpoints(system)).then(), 409, "duplicate-endpoint").extract().asString());
            answers.add(Api.problem(Api.json().header("If-Match", "\"9\"").body(body).put(path).then(), 412, "version-mismatch")
                    .extract().asString());
            Map<String, Object> badKey = new HashMap<>(body);
            badKey.put("tls", Map.of("clientCertificatePem", certificate.certificatePem(), "clientKeyPem", "-----BEGIN PRIVATE KEY-----"
                    + secret + "-----END PRIVATE KEY-----"));
            answers.add(Api.invalidField(Api.json().header("If-Match", "\"1\"").body(badKey).put(path).then(),
                    "tls.clientKeyPem", "invalid-pem").extract().asString());
            Map<String, Object> badSecret = new HashMap<>(body);
            badSecret.put("auth", Map.of("type", "api_key", "header", "X-Api-Key", "secret", secret + "\u0001"));
            answers.add(Api.invalidField(Api.json().body(badSecret).post(endpoints(system)).then(),
                    "auth.secret", "control-characters").extract().asString());

            // A PUT without the secrets keeps them: same ciphertext, same secretUpdatedAt.
            Map<String, Object> keep = Api.httpEndpoint("main", ADDRESS);
            keep.put("requestTimeoutMs", 9000);
            keep.put("auth", Map.of("type", "api_key", "header", "X-Api-Key"));
            keep.put("tls", Map.of("clientCertificatePem", certificate.certificatePem()));
            answers.add(Api.json().header("If-Match", "\"1\"").body(keep).put(path).then().statusCode(200)
                    .body("requestTimeoutMs", equalTo(9000))
                    .body("auth.secretSet", equalTo(true))
                    .body("auth.secretUpdatedAt", equalTo(secretUpdatedAt))
                    .body("tls.clientKeySet", equalTo(true))
                    .extract().asString());
            byte[][] kept = ciphertexts(system);
            assertArrayEquals(stored[0], kept[0], "the stored secret is kept as it was");
            assertArrayEquals(stored[1], kept[1], "the stored client key is kept as it was");

            // A new secret replaces it and moves secretUpdatedAt.
            Map<String, Object> rotate = new HashMap<>(keep);
            rotate.put("auth", Map.of("type", "api_key", "header", "X-Api-Key", "secret", secondSecret));
            String rotatedAt = Api.json().header("If-Match", "\"2\"").body(rotate).put(path).then().statusCode(200)
                    .body("auth.secretSet", equalTo(true)).extract().path("auth.secretUpdatedAt");
            assertNotEquals(secretUpdatedAt, rotatedAt);
            byte[][] rotated = ciphertexts(system);
            assertFalse(Arrays.equals(stored[0], rotated[0]));
            assertStoredEncrypted(rotated, system, leakMarkers);

            // Auth type none clears the secret; no certificate clears the client key.
            Map<String, Object> clear = Api.httpEndpoint("main", ADDRESS);
            clear.put("auth", Map.of("type", "none"));
            answers.add(Api.json().header("If-Match", "\"3\"").body(clear).put(path).then().statusCode(200)
                    .body("auth.type", equalTo("none"))
                    .body("auth.secretSet", equalTo(false))
                    .body("auth.secretUpdatedAt", nullValue())
                    .body("tls.clientKeySet", equalTo(false))
                    .extract().asString());
            byte[][] cleared = ciphertexts(system);
            assertNull(cleared[0]);
            assertNull(cleared[1]);

            for (String answer : answers) {
                for (String marker : leakMarkers) {
                    assertFalse(answer.contains(marker), "a secret came back in " + answer);
                }
            }

            // registered, added, 3 updates; every event of this system is checked.
            List<ConsumerRecord<String, String>> events = topic.await(r -> system.equals(r.key()), 5, Duration.ofSeconds(30));
            assertEquals(4, events.stream().filter(r -> r.value().contains("\"endpoint.")).count());
            for (ConsumerRecord<String, String> event : events) {
                for (String marker : leakMarkers) {
                    assertFalse(event.value().contains(marker), "a secret was published in " + event.value());
                }
            }
            assertTrue(events.get(1).value().contains("\"secretSet\":true"), "events show that a secret is set");

            for (String line : log.lines()) {
                for (String marker : leakMarkers) {
                    assertFalse(line.contains(marker), "a secret was logged: " + line);
                }
            }
        }
    }

    /** Secret and client-key ciphertexts of {@code system}'s endpoint {@code main}, as stored. */
    private byte[][] ciphertexts(String system) {
        Row row = pool.preparedQuery("SELECT e.secret_ciphertext, e.client_key_ciphertext FROM endpoint e "
                        + "JOIN information_system s ON s.id = e.system_id WHERE s.code = $1 AND e.code = 'main'")
                .execute(Tuple.of(system)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        return new byte[][] {bytes(row, "secret_ciphertext"), bytes(row, "client_key_ciphertext")};
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    private void assertStoredEncrypted(byte[][] stored, String system, List<String> markers) {
        assertNotNull(stored[0]);
        assertNotNull(stored[1]);
        for (byte[] ciphertext : stored) {
            String raw = new String(ciphertext, StandardCharsets.ISO_8859_1);
            for (String marker : markers) {
                assertFalse(raw.contains(marker), "stored in clear");
            }
        }
        // Nor anywhere else in the row (JSON columns) or in the outbox.
        String row = pool.preparedQuery("SELECT e::text AS row FROM endpoint e JOIN information_system s ON s.id = e.system_id "
                        + "WHERE s.code = $1").execute(Tuple.of(system)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("row");
        long outbox = pool.preparedQuery("SELECT count(*) AS n FROM outbox WHERE record_key = $1 AND (payload LIKE '%' || $2 || '%' "
                        + "OR payload LIKE '%' || $3 || '%')").execute(Tuple.of(system, markers.get(0), markers.get(2)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
        for (String marker : markers) {
            assertFalse(row.contains(marker), "stored in clear in the endpoint row");
        }
        assertEquals(0, outbox);
    }
}
