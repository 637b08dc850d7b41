package vn.lgsp.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.KafkaTopic;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class ServiceResourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String WSDL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
                         xmlns:tns="urn:lgsp:hotich" targetNamespace="urn:lgsp:hotich" name="HoTich">
              <!-- Tra cứu hộ tịch -->
              <portType name="HoTichPort"><operation name="TraCuu"/></portType>
              <binding name="HoTichBinding" type="tns:HoTichPort">
                <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
                <operation name="TraCuu"><soap:operation soapAction="urn:TraCuu"/></operation>
              </binding>
              <service name="HoTichService">
                <port name="HoTichPort" binding="tns:HoTichBinding">
                  <soap:address location="http://hotich.internal:8080/ws/HoTich"/>
                </port>
              </service>
            </definitions>
            """;

    private static String services(String system) {
        return "/api/v1/systems/" + system + "/services";
    }

    /** A system with an HTTP endpoint {@code main} and a SOAP endpoint {@code ws}. */
    private static String provider() {
        String system = Api.registerSystem(Api.system(Api.uniqueCode("svc")));
        Api.addEndpoint(system, Api.httpEndpoint("main", "https://hotich.example.gov.vn/api"));
        Api.addEndpoint(system, Api.soapEndpoint("ws", "https://hotich.example.gov.vn/ws/HoTich"));
        return system;
    }

    @Test
    void declaresReadsListsAndUpdatesRestAndSoapServices() {
        String system = provider();
        Api.json().body(Api.restService("records", "main")).post(services(system)).then().statusCode(201)
                .header("Location", endsWith(services(system) + "/records/1.0"))
                .header("ETag", equalTo("\"1\""))
                .body("systemCode", equalTo(system))
                .body("code", equalTo("records"))
                .body("version", equalTo("1.0"))
                .body("kind", equalTo("rest"))
                .body("httpMethod", equalTo("GET"))
                .body("pathPattern", equalTo("/records/{id}"))
                .body("endpointCode", equalTo("main"))
                .body("status", equalTo("draft"))
                .body("maxRequestBytes", equalTo((int) ServiceInput.DEFAULT_MAX_REQUEST_BYTES))
                .body("maxResponseBytes", equalTo((int) ServiceInput.DEFAULT_MAX_RESPONSE_BYTES))
                .body("retryAttempts", equalTo(0))
                .body("bodyRetentionDays", nullValue())
                .body("descriptionDocument", nullValue())
                .body("id", nullValue());

        Map<String, Object> soap = Api.soapService("ho-tich", "ws", "TraCuu",
                Map.of("mode", "rest-facade", "namespace", "urn:lgsp:hotich"));
        soap.put("soapAction", "urn:TraCuu");
        Api.json().body(soap).post(services(system)).then().statusCode(201)
                .body("kind", equalTo("soap"))
                .body("soapOperation", equalTo("TraCuu"))
                .body("soapAction", equalTo("urn:TraCuu"))
                .body("options.mode", equalTo("rest-facade"))
                .body("httpMethod", nullValue())
                .body("pathPattern", nullValue());

        Api.given().get(services(system) + "/records/1.0").then().statusCode(200).header("ETag", equalTo("\"1\""));
        Api.given().get(services(system)).then().statusCode(200).body("code", equalTo(List.of("ho-tich", "records")));

        Map<String, Object> changed = Api.restService("records", "main");
        changed.put("name", "Tra cứu hồ sơ (v1)");
        changed.put("retryAttempts", 2);
        changed.put("maxResponseBytes", 1024);
        changed.put("bodyRetentionDays", 90);
        Api.json().header("If-Match", "\"1\"").body(changed).put(services(system) + "/records/1.0").then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("name", equalTo("Tra cứu hồ sơ (v1)"))
                .body("retryAttempts", equalTo(2))
                .body("bodyRetentionDays", equalTo(90))
                .body("maxResponseBytes", equalTo(1024));
        Api.problem(Api.json().body(changed).put(services(system) + "/records/1.0").then(), 428, "precondition-required");
        Api.problem(Api.json().header("If-Match", "\"1\"").body(changed).put(services(system) + "/records/1.0").then(),
                412, "version-mismatch");
        Map<String, Object> renumbered = new HashMap<>(changed);
        renumbered.put("version", "2.0");
        Api.problem(Api.json().header("If-Match", "\"2\"").body(renumbered).put(services(system) + "/records/1.0").then(),
                409, "immutable-field").body("field", equalTo("version"));
        Api.problem(Api.given().get(services(system) + "/records/1.x").then(), 400, "invalid-parameter").body("field", equalTo("version"));
        Api.problem(Api.given().get(services(system) + "/records/9.9").then(), 404, "service-not-found");
    }

    static Stream<Arguments> invalidServices() {
        return Stream.of(
                rest("bad code", s -> s.put("code", "Records"), "code", "invalid-code"),
                rest("no code", s -> s.remove("code"), "code", "required"),
                rest("no version", s -> s.remove("version"), "version", "required"),
                rest("bad version", s -> s.put("version", "1.0-beta"), "version", "invalid-version"),
                rest("four-part version", s -> s.put("version", "1.2.3.4"), "version", "invalid-version"),
                rest("no name", s -> s.put("name", " "), "name", "required"),
                rest("name too long", s -> s.put("name", "n".repeat(301)), "name", "too-long"),
                rest("name with control characters", s -> s.put("name", "a\u0000b"), "name", "control-characters"),
                rest("description too long", s -> s.put("description", "d".repeat(4001)), "description", "too-long"),
                rest("no endpoint", s -> s.remove("endpointCode"), "endpointCode", "required"),
                rest("bad endpoint code", s -> s.put("endpointCode", "Main!"), "endpointCode", "invalid-code"),
                rest("no classification", s -> s.remove("dataClassification"), "dataClassification", "required"),
                rest("no kind", s -> s.remove("kind"), "kind", "required"),
                rest("no method", s -> s.remove("httpMethod"), "httpMethod", "required"),
                rest("unknown method", s -> s.put("httpMethod", "FETCH"), "httpMethod", "invalid-method"),
                rest("lowercase method", s -> s.put("httpMethod", "get"), "httpMethod", "invalid-method"),
                rest("no path pattern", s -> s.remove("pathPattern"), "pathPattern", "required"),
                rest("relative path pattern", s -> s.put("pathPattern", "records/{id}"), "pathPattern", "invalid-path-pattern"),
                rest("dot-dot in path pattern", s -> s.put("pathPattern", "/records/../admin"), "pathPattern", "invalid-path-pattern"),
                rest("trailing dot-dot", s -> s.put("pathPattern", "/records/.."), "pathPattern", "invalid-path-pattern"),
                rest("dot segment", s -> s.put("pathPattern", "/records/./x"), "pathPattern", "invalid-path-pattern"),
                rest("bad variable", s -> s.put("pathPattern", "/records/{1d}"), "pathPattern", "invalid-path-pattern"),
                rest("space in path pattern", s -> s.put("pathPattern", "/re cords"), "pathPattern", "invalid-path-pattern"),
                rest("path pattern too long", s -> s.put("pathPattern", "/" + "a".repeat(500)), "pathPattern", "invalid-path-pattern"),
                rest("soap operation on rest", s -> s.put("soapOperation", "TraCuu"), "soapOperation", "not-allowed"),
                rest("request limit 0", s -> s.put("maxRequestBytes", 0), "maxRequestBytes", "out-of-range"),
                rest("response limit over 2 GiB", s -> s.put("maxResponseBytes", ServiceInput.LIMIT_CEILING_BYTES + 1),
                        "maxResponseBytes", "out-of-range"),
                rest("negative retries", s -> s.put("retryAttempts", -1), "retryAttempts", "out-of-range"),
                rest("six retries", s -> s.put("retryAttempts", 6), "retryAttempts", "out-of-range"),
                rest("bodies kept for no days", s -> s.put("bodyRetentionDays", 0), "bodyRetentionDays", "out-of-range"),
                rest("bodies kept past ten years", s -> s.put("bodyRetentionDays", 3651), "bodyRetentionDays", "out-of-range"),
                rest("option key not a name", s -> s.put("options", Map.of("1st", "x")), "options", "invalid-key"),
                rest("option without value", s -> s.put("options", nullValued("mode")), "options.mode", "required"),
                rest("option value too long", s -> s.put("options", Map.of("mode", "x".repeat(1001))), "options.mode", "too-long"),
                rest("too many options", s -> s.put("options", manyOptions(51)), "options", "too-many"),
                soap("no soap operation", s -> s.remove("soapOperation"), "soapOperation", "required"),
                soap("soap operation not an XML name", s -> s.put("soapOperation", "1TraCuu"), "soapOperation", "invalid-operation"),
                soap("soap operation with a colon", s -> s.put("soapOperation", "ns:TraCuu"), "soapOperation", "invalid-operation"),
                soap("soap action too long", s -> s.put("soapAction", "a".repeat(501)), "soapAction", "too-long"),
                soap("soap action with control characters", s -> s.put("soapAction", "urn:a\nb"), "soapAction", "control-characters"));
    }

    private static Arguments rest(String name, Consumer<Map<String, Object>> change, String field, String rule) {
        return Arguments.of(name, Api.restService("records", "main"), change, field, rule);
    }

    private static Arguments soap(String name, Consumer<Map<String, Object>> change, String field, String rule) {
        return Arguments.of(name, Api.soapService("ho-tich", "ws", "TraCuu", Map.of()), change, field, rule);
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
    @MethodSource("invalidServices")
    void refusesInvalidServices(String name, Map<String, Object> service, Consumer<Map<String, Object>> change,
                                String field, String rule) {
        String system = provider();
        change.accept(service);
        Api.invalidField(Api.json().body(service).post(services(system)).then(), field, rule);
        Api.given().get(services(system)).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void refusesUnknownEnumValuesAndEndpointsAndDuplicates() {
        String system = provider();
        Map<String, Object> grpc = Api.restService("records", "main");
        grpc.put("kind", "grpc");
        Api.problem(Api.json().body(grpc).post(services(system)).then(), 400, "invalid-field");
        Map<String, Object> secretClass = Api.restService("records", "main");
        secretClass.put("dataClassification", "top-secret");
        Api.problem(Api.json().body(secretClass).post(services(system)).then(), 400, "invalid-field");

        Api.problem(Api.json().body(Api.restService("records", "nowhere")).post(services(system)).then(), 422, "unknown-endpoint")
                .body("field", equalTo("endpointCode"));

        Api.json().body(Api.restService("records", "main")).post(services(system)).then().statusCode(201);
        Api.problem(Api.json().body(Api.restService("records", "main")).post(services(system)).then(), 409, "duplicate-service");
        Map<String, Object> v2 = Api.restService("records", "main");
        v2.put("version", "2.0");
        Api.json().body(v2).post(services(system)).then().statusCode(201);
        Api.given().get(services(system)).then().statusCode(200).body("version", equalTo(List.of("1.0", "2.0")));
    }

    @Test
    void publishesWithdrawsAndRemovesWithEvents() throws Exception {
        String system = provider();
        String service = services(system) + "/records/1.0";
        try (KafkaTopic topic = new KafkaTopic("lgsp.registry.events")) {
            Api.json().body(Api.restService("records", "main")).post(services(system)).then().statusCode(201);
            Map<String, Object> changed = Api.restService("records", "main");
            changed.put("description", "Tra cứu hồ sơ theo mã");
            Api.json().header("If-Match", "\"1\"").body(changed).put(service).then().statusCode(200);
            Api.json().contentType("application/json").body(OPENAPI_JSON).put(service + "/description").then().statusCode(200);

            lifecycle(service, "publish").then().statusCode(200).body("status", equalTo("published"))
                    .body("statusChangedAt", notNullValue());
            Api.problem(lifecycle(service, "publish").then(), 409, "invalid-transition").body("field", equalTo("action"));
            Api.problem(Api.given().header("If-Match", "\"4\"").delete(service).then(), 409, "invalid-transition");
            Api.problem(Api.json().header("If-Match", "\"1\"").body(Map.of("action", "withdraw")).post(service + "/lifecycle").then(),
                    412, "version-mismatch");
            lifecycle(service, "withdraw").then().statusCode(200).body("status", equalTo("withdrawn"));
            Api.problem(lifecycle(service, "withdraw").then(), 409, "invalid-transition");
            Api.problem(Api.json().body(Map.of()).post(service + "/lifecycle").then(), 400, "invalid-field").body("field", equalTo("action"));
            Api.problem(Api.json().body(Map.of("action", "archive")).post(service + "/lifecycle").then(), 400, "invalid-field");

            String etag = Api.etag(service);
            Api.problem(Api.given().delete(service).then(), 428, "precondition-required");
            Api.given().header("If-Match", etag).delete(service).then().statusCode(204);
            Api.problem(Api.given().get(service).then(), 404, "service-not-found");

            // Every committed change once, in order; the refused transitions published nothing.
            List<ConsumerRecord<String, String>> records = topic.await(r -> system.equals(r.key()), 9, Duration.ofSeconds(30));
            List<JsonNode> events = records.stream().map(r -> read(r.value())).toList();
            assertEquals(List.of("system.registered", "endpoint.added", "endpoint.added", "service.added", "service.updated",
                            "service.description_uploaded", "service.published", "service.withdrawn", "service.removed"),
                    events.stream().map(e -> e.get("type").asText()).toList());
            assertEquals("records", events.get(3).at("/data/code").asText());
            assertEquals("openapi", events.get(5).at("/data/descriptionDocument/format").asText());
            assertEquals("published", events.get(6).at("/data/status").asText());
            assertEquals("withdrawn", events.get(7).at("/data/status").asText());
        }
    }

    @Test
    void aPublishedServiceCannotBeRemovedAndARetiredSystemChangesNothing() {
        String system = provider();
        Api.publish(system, Api.restService("records", "main"));
        String service = services(system) + "/records/1.0";
        Api.problem(Api.given().header("If-Match", Api.etag(service)).delete(service).then(), 409, "invalid-transition")
                .body("field", equalTo("status"));
        lifecycle(service, "withdraw").then().statusCode(200);
        Api.systemAction(system, "retire");
        Api.problem(lifecycle(service, "publish").then(), 409, "invalid-transition");
        Api.problem(Api.json().body(Api.restService("other", "main")).post(services(system)).then(), 409, "invalid-transition");
        Api.given().get(service).then().statusCode(200).body("status", equalTo("withdrawn"));
    }

    private static Response lifecycle(String service, String action) {
        return Api.json().body(Map.of("action", action)).post(service + "/lifecycle");
    }

    // ---- description documents ----

    static final String OPENAPI_JSON = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Hộ tịch\",\"version\":\"1.0\"},"
            + "\"paths\":{\"/records/{id}\":{\"get\":{\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,"
            + "\"schema\":{\"type\":\"string\"}}],\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
    static final String OPENAPI_YAML = """
            # Tra cứu hộ tịch
            openapi: "3.1.0"
            info:
              title: Hộ tịch
              version: "1.0"
            paths: {}
            """;

    @Test
    void storesOpenApiJsonYamlAndWsdlAndServesThemBackUnchanged() throws Exception {
        String system = provider();
        Api.json().body(Api.restService("json-doc", "main")).post(services(system)).then().statusCode(201);
        Api.json().body(Api.restService("yaml-doc", "main")).post(services(system)).then().statusCode(201);
        Api.json().body(Api.soapService("wsdl-doc", "ws", "TraCuu", Map.of())).post(services(system)).then().statusCode(201);

        uploadAndReadBack(system, "json-doc", "application/json", "openapi", OPENAPI_JSON.getBytes(StandardCharsets.UTF_8));
        uploadAndReadBack(system, "yaml-doc", "application/yaml", "openapi", OPENAPI_YAML.getBytes(StandardCharsets.UTF_8));
        uploadAndReadBack(system, "wsdl-doc", "application/wsdl+xml", "wsdl", WSDL.getBytes(StandardCharsets.UTF_8));

        // Replacing a document serves the new one.
        String other = OPENAPI_JSON.replace("3.0.3", "3.0.0");
        uploadAndReadBack(system, "json-doc", "application/vnd.oai.openapi+json", "openapi", other.getBytes(StandardCharsets.UTF_8));
    }

    private static void uploadAndReadBack(String system, String service, String mediaType, String format, byte[] content)
            throws Exception {
        String path = services(system) + "/" + service + "/1.0";
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Api.given().contentType(mediaType).body(content).put(path + "/description").then().statusCode(200)
                .body("descriptionDocument.format", equalTo(format))
                .body("descriptionDocument.mediaType", equalTo(mediaType))
                .body("descriptionDocument.sha256", equalTo(sha256))
                .body("descriptionDocument.uploadedAt", notNullValue())
                .body("descriptionDocument.href", equalTo(path + "/description"));
        Api.given().get(path).then().statusCode(200).body("descriptionDocument.sha256", equalTo(sha256));
        Response back = Api.given().get(path + "/description");
        back.then().statusCode(200).header("ETag", equalTo("\"" + sha256 + "\"")).header("X-Content-Type-Options", equalTo("nosniff"));
        assertEquals(mediaType, back.contentType().split(";")[0].trim());
        assertArrayEquals(content, back.asByteArray());
    }

    @Test
    void refusesDocumentsThatAreNotWhatTheyClaim(@TempDir Path directory) throws Exception {
        String system = provider();
        Api.json().body(Api.soapService("ho-tich", "ws", "TraCuu", Map.of())).post(services(system)).then().statusCode(201);
        String path = services(system) + "/ho-tich/1.0/description";

        Api.problem(Api.given().contentType("text/plain").body("openapi: 3.0.0".getBytes(StandardCharsets.UTF_8)).put(path).then(), 415, "unsupported-media-type");
        Api.problem(Api.given().contentType("application/json").body("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)).put(path).then(),
                422, "invalid-document");
        Api.problem(Api.given().contentType("application/json").body("{\"openapi\":".getBytes(StandardCharsets.UTF_8)).put(path).then(), 422, "invalid-document");
        Api.problem(Api.given().contentType("application/yaml").body("title: no version\n".getBytes(StandardCharsets.UTF_8)).put(path).then(),
                422, "invalid-document");
        Api.problem(Api.given().contentType("text/xml").body("<definitions><port>".getBytes(StandardCharsets.UTF_8)).put(path).then(), 422, "invalid-document");
        Api.problem(Api.given().contentType("text/xml").body("<html><body/></html>".getBytes(StandardCharsets.UTF_8)).put(path).then(), 422, "invalid-document");
        Api.problem(Api.given().contentType("application/json").body(new byte[0]).put(path).then(), 422, "invalid-document");

        Path secret = directory.resolve("passwd");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" name=\"&xxe;\"><documentation>&xxe;</documentation>"
                + "</definitions>";
        String answer = Api.problem(Api.given().contentType("application/wsdl+xml").body(xxe.getBytes(StandardCharsets.UTF_8)).put(path).then(),
                422, "invalid-document").extract().asString();
        assertFalse(answer.contains("TOP-SECRET"), "the entity was not resolved into the answer");

        byte[] oversized = new byte[5 * 1024 * 1024 + 1];
        byte[] head = "{\"openapi\":\"3.0.0\",\"x\":\"".getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(oversized, (byte) 'a');
        System.arraycopy(head, 0, oversized, 0, head.length);
        oversized[oversized.length - 2] = '"';
        oversized[oversized.length - 1] = '}';
        Api.problem(Api.given().contentType("application/json").body(oversized).put(path).then(), 413, "payload-too-large");

        // Nothing refused was stored.
        Api.problem(Api.given().get(path).then(), 404, "document-not-found");
        Api.given().get(services(system) + "/ho-tich/1.0").then().statusCode(200).body("descriptionDocument", nullValue())
                .header("ETag", equalTo("\"1\""));
    }

    @Test
    void refusesDocumentsThatAParserRejectsOrThatDescribeAnotherKindOfService() {
        String system = provider();
        Api.json().body(Api.restService("rest-doc", "main")).post(services(system)).then().statusCode(201);
        Api.json().body(Api.soapService("soap-doc", "ws", "TraCuu", Map.of())).post(services(system)).then().statusCode(201);
        String rest = services(system) + "/rest-doc/1.0/description";
        String soap = services(system) + "/soap-doc/1.0/description";

        // Each passed the surface checks before.
        String brokenYaml = "openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n";
        Api.problem(Api.given().contentType("application/yaml").body(brokenYaml.getBytes(StandardCharsets.UTF_8)).put(rest).then(),
                422, "invalid-document");
        String noInfo = "{\"openapi\":\"3.0.3\",\"paths\":{\"records\":{}}}";
        Api.problem(Api.given().contentType("application/json").body(noInfo.getBytes(StandardCharsets.UTF_8)).put(rest).then(),
                422, "invalid-document").body("detail", org.hamcrest.Matchers.containsString("info"));
        Api.problem(Api.given().contentType("text/xml").body("<definitions xmlns=\"urn:not-wsdl\"/>".getBytes(StandardCharsets.UTF_8)).put(soap).then(),
                422, "invalid-document").body("detail", org.hamcrest.Matchers.containsString("urn:not-wsdl"));
        Api.problem(Api.given().contentType("application/json").body(OPENAPI_JSON.getBytes(StandardCharsets.UTF_8)).put(soap).then(),
                422, "invalid-document").body("detail", org.hamcrest.Matchers.containsString("WSDL"));
        Api.problem(Api.given().contentType("text/xml").body(WSDL.getBytes(StandardCharsets.UTF_8)).put(rest).then(),
                422, "invalid-document");
        String importing = "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><types><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                + "<xs:import namespace=\"urn:t\" schemaLocation=\"http://10.0.0.7/Service.svc?xsd=xsd0\"/></xs:schema></types></definitions>";
        Api.problem(Api.given().contentType("text/xml").body(importing.getBytes(StandardCharsets.UTF_8)).put(soap).then(),
                422, "invalid-document").body("detail", org.hamcrest.Matchers.containsString("self-contained"));

        // Nothing refused was stored.
        Api.problem(Api.given().get(rest).then(), 404, "document-not-found");
        Api.problem(Api.given().get(soap).then(), 404, "document-not-found");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
