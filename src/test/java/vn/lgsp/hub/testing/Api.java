package vn.lgsp.hub.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Shared fixtures for API tests: valid documents to start from, unique codes so tests never
 * collide, and the assertion that an answer is a proper problem document. Requests carry a real
 * bearer token from the test Keycloak: {@link #json()} and {@link #given()} act as an admin,
 * {@link #as(Role)} as any role, {@link #anonymous()} as nobody.
 */
public final class Api {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Api() {
    }

    /** A fresh, valid system code; unique within the run. */
    public static String uniqueCode(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + SEQUENCE.incrementAndGet();
    }

    /** A JSON request as an admin. */
    public static RequestSpecification json() {
        return as(Role.ADMIN).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request as an admin. */
    public static RequestSpecification given() {
        return as(Role.ADMIN);
    }

    /** A request with a bearer token of {@code role} (fetched with client credentials, cached). */
    public static RequestSpecification as(Role role) {
        return bearer(role.token());
    }

    public static RequestSpecification bearer(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    /** A JSON request as {@code role}. */
    public static RequestSpecification jsonAs(Role role) {
        return as(role).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request without credentials. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }

    public static Map<String, Object> system(String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("nameVi", "Hệ thống thử nghiệm " + code);
        body.put("nameEn", "Test system " + code);
        body.put("owningAgency", "Sở Khoa học và Công nghệ");
        body.put("scope", "provincial");
        body.put("securityLevel", 2);
        body.put("contact", Map.of("name", "Nguyễn Văn A", "email", "a@example.gov.vn", "phone", "+84 290 3831 000"));
        return body;
    }

    public static Map<String, Object> httpEndpoint(String code, String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("connectorType", "http");
        body.put("address", address);
        body.put("connectTimeoutMs", 2000);
        body.put("requestTimeoutMs", 5000);
        return body;
    }

    public static Map<String, Object> restService(String code, String endpointCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("version", "1.0");
        body.put("name", "Tra cứu " + code);
        body.put("endpointCode", endpointCode);
        body.put("kind", "rest");
        body.put("httpMethod", "GET");
        body.put("pathPattern", "/records/{id}");
        body.put("dataClassification", "internal");
        return body;
    }

    public static Map<String, Object> soapEndpoint(String code, String address) {
        Map<String, Object> body = httpEndpoint(code, address);
        body.put("connectorType", "soap");
        return body;
    }

    /** A SOAP service calling {@code operation}; {@code options} are the SOAP connector's (mode, namespace, ...). */
    public static Map<String, Object> soapService(String code, String endpointCode, String operation, Map<String, String> options) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("version", "1.0");
        body.put("name", "Dịch vụ SOAP " + code);
        body.put("endpointCode", endpointCode);
        body.put("kind", "soap");
        body.put("soapOperation", operation);
        body.put("dataClassification", "internal");
        body.put("options", options);
        return body;
    }

    /** Registers a system and returns its code. */
    public static String registerSystem(Map<String, Object> body) {
        json().body(body).post("/api/v1/systems").then().statusCode(201);
        return (String) body.get("code");
    }

    /** Registers a system and takes it through approval to {@code active}. */
    public static String activeSystem(String code) {
        registerSystem(system(code));
        for (String action : new String[] {"submit", "approve"}) {
            json().body(Map.of("action", action)).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);
        }
        return code;
    }

    /** Runs a lifecycle action (submit, approve, retire, ...) on a system. */
    public static void systemAction(String code, String action) {
        json().body(Map.of("action", action)).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);
    }

    public static void addEndpoint(String system, Map<String, Object> endpoint) {
        json().body(endpoint).post("/api/v1/systems/" + system + "/endpoints").then().statusCode(201);
    }

    /** Declares and publishes a service. */
    public static void publish(String system, Map<String, Object> service) {
        json().body(service).post("/api/v1/systems/" + system + "/services").then().statusCode(201);
        json().body(Map.of("action", "publish"))
                .post("/api/v1/systems/" + system + "/services/" + service.get("code") + "/" + service.get("version") + "/lifecycle")
                .then().statusCode(200);
    }

    /** Grants {@code consumer} access to {@code provider}'s {@code service}; returns the grant id. */
    public static String grant(String consumer, String provider, String service) {
        return grant(consumer, provider, service, Map.of());
    }

    /** Grants with {@code terms} added to the request ({@code requestsPerSecond}, {@code requestsPerDay}, ...). */
    public static String grant(String consumer, String provider, String service, Map<String, Object> terms) {
        Map<String, Object> body = new HashMap<>(Map.of("consumerSystem", consumer, "providerSystem", provider, "serviceCode", service,
                "purpose", "Tra cứu phục vụ giải quyết thủ tục hành chính"));
        body.putAll(terms);
        return json().body(body).post("/api/v1/grants").then().statusCode(201).extract().path("id");
    }

    /** Maps an OAuth2 client id to a registered system (the consumer its tokens act as); blank unmaps it. */
    public static void mapClient(String code, String clientId) {
        Map<String, Object> body = system(code);
        body.put("clientId", clientId);
        json().header("If-Match", etag("/api/v1/systems/" + code)).body(body).put("/api/v1/systems/" + code)
                .then().statusCode(200).body("clientId", equalTo(clientId.isEmpty() ? null : clientId));
    }

    public static String etag(String path) {
        return given().get(path).then().statusCode(200).extract().header("ETag");
    }

    /** Asserts a 400 invalid-field problem that names {@code field} first, with {@code rule} as that field's error code. */
    public static ValidatableResponse invalidField(ValidatableResponse response, String field, String rule) {
        return problem(response, 400, "invalid-field")
                .body("field", equalTo(field))
                .body("errors.find { it.field == '" + field + "' }.code", equalTo(rule));
    }

    /** Asserts a problem response with the given status and code, and the transaction id echoed. */
    public static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        String tx = response.extract().header("X-Transaction-Id");
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", equalTo("urn:lgsp-hub:problem:" + code))
                .body("transactionId", equalTo(tx));
    }
}
