package vn.lgsp.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.RawHttp;
import vn.lgsp.hub.testing.stub.StubServer;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SOAP providers through the sharing API: a SOAP stub on loopback behind an endpoint of
 * connector type {@code soap}, passthrough and REST-facade services, and the WSDL the hub serves
 * from the registry.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoapSharingIT {

    private static final String CONSUMER_HEADER = "X-LGSP-Test-Consumer";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String NS = "urn:lgsp:hotich";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = envelope("<r:TraCuuResponse xmlns:r=\"" + NS + "\"><r:TraCuuResult>"
            + "<r:hoTen>Trần Thị B</r:hoTen><r:con><r:ten>An</r:ten></r:con><r:con><r:ten>Bình</r:ten></r:con>"
            + "</r:TraCuuResult></r:TraCuuResponse>");
    private static final String WSDL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
                         xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:tns="urn:lgsp:hotich"
                         targetNamespace="urn:lgsp:hotich" name="HoTich">
              <portType name="HoTichPort"><operation name="TraCuu"/></portType>
              <binding name="HoTich11" type="tns:HoTichPort">
                <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
                <operation name="TraCuu"><soap:operation soapAction="urn:TraCuu"/></operation>
              </binding>
              <binding name="HoTich12" type="tns:HoTichPort">
                <soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
              </binding>
              <service name="HoTichService">
                <documentation>Tra cứu hộ tịch</documentation>
                <port name="HoTich11Port" binding="tns:HoTich11"><soap:address location="http://hotich.internal:8080/ws/HoTich"/></port>
                <port name="HoTich12Port" binding="tns:HoTich12"><soap12:address location="http://hotich.internal:8080/ws/HoTich12"/></port>
              </service>
            </definitions>
            """;

    private Vertx vertx;
    private StubServer stub;
    private Path secretFile;
    private String provider;
    private String consumer;
    private String base;

    /** Once per class; in @BeforeEach because REST Assured only knows the hub's port by then. */
    @BeforeEach
    void setUp() throws Exception {
        if (vertx != null) {
            return;
        }
        secretFile = Files.createTempFile("lgsp-xxe", ".txt");
        Files.writeString(secretFile, "TOP-SECRET-FILE-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>"
                + "<s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body><r:DocTepResponse xmlns:r=\"" + NS + "\">"
                + "<r:noiDung>&xxe;</r:noiDung></r:DocTepResponse></s:Body></s:Envelope>";
        vertx = Vertx.vertx();
        stub = StubServer.start(vertx, (request, response) -> {
            String body = request.body().toString();
            response.putHeader("Content-Type", "text/xml; charset=utf-8");
            if (body.contains("LoiClient")) {
                response.setStatusCode(500).end(envelope("<s:Fault><faultcode>s:Client</faultcode>"
                        + "<faultstring>Số định danh sai</faultstring></s:Fault>"));
            } else if (body.contains("LoiServer")) {
                response.setStatusCode(500).end(envelope("<s:Fault><faultcode>s:Server</faultcode>"
                        + "<faultstring>CSDL hộ tịch bận</faultstring></s:Fault>"));
            } else if (body.contains("DocTep")) {
                response.end(xxe);
            } else {
                response.end(ANSWER);
            }
        });

        provider = Api.activeSystem(Api.uniqueCode("soap-provider"));
        consumer = Api.activeSystem(Api.uniqueCode("soap-consumer"));
        Api.addEndpoint(provider, Api.soapEndpoint("ws", stub.uri("/ws/HoTich").toString()));
        publish("ho-tich", "TraCuu", Map.of());
        publish("ho-tich-json", "TraCuu", facade(Map.of("responseWrapper", "TraCuuResponse")));
        publish("loi-client", "LoiClient", facade(Map.of()));
        publish("loi-server", "LoiServer", facade(Map.of()));
        publish("doc-tep", "DocTep", facade(Map.of()));
        for (String service : new String[] {"ho-tich", "ho-tich-json", "loi-client", "loi-server", "doc-tep"}) {
            Api.grant(consumer, provider, service);
        }
        Api.given().contentType("application/wsdl+xml").body(WSDL.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/systems/" + provider + "/services/ho-tich/1.0/description").then().statusCode(200);
        base = "/share/" + provider + "/";
    }

    @AfterAll
    void tearDown() throws Exception {
        stub.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        Files.deleteIfExists(secretFile);
    }

    private static Map<String, String> facade(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("mode", "rest-facade", "namespace", NS));
        options.putAll(extra);
        return options;
    }

    private void publish(String code, String operation, Map<String, String> options) {
        Map<String, Object> service = Api.soapService(code, "ws", operation, options);
        service.put("soapAction", "urn:" + operation);
        Api.publish(provider, service);
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body>" + body
                + "</s:Body></s:Envelope>";
    }

    private RequestSpecification asConsumer() {
        return RestAssured.given().header(CONSUMER_HEADER, consumer);
    }

    private Response soapCall(String service, String envelope) {
        return asConsumer().contentType("text/xml; charset=utf-8").header("SOAPAction", "\"urn:TraCuu\"")
                .body(envelope.getBytes(StandardCharsets.UTF_8)).post(base + service);
    }

    // ---- passthrough ----

    @Test
    void passthroughCarriesTheEnvelopeBothWaysUnchanged() {
        String request = envelope("<h:TraCuu xmlns:h=\"" + NS + "\"><h:soDinhDanh>001</h:soDinhDanh></h:TraCuu>");
        Response answer = soapCall("ho-tich", request);
        answer.then().statusCode(200).contentType(containsString("xml"));
        assertEquals(ANSWER, answer.asString());
        StubServer.Received seen = stub.last();
        assertEquals(request, seen.body().toString(StandardCharsets.UTF_8));
        assertEquals("/ws/HoTich/", seen.uri());
        assertEquals("\"urn:TraCuu\"", seen.headers().get("SOAPAction"));
        assertEquals(consumer, seen.headers().get("X-LGSP-Consumer"));
        assertEquals(answer.header("X-Transaction-Id"), seen.headers().get("X-Transaction-Id"));
    }

    @Test
    void passthroughRefusesAnEnvelopeForAnotherOperationWithoutCallingTheProvider() {
        int before = stub.hits();
        // The connector answers this itself, in the hub's problem shape (connectors/soap/README.md).
        Api.problem(soapCall("ho-tich", envelope("<h:XoaHoSo xmlns:h=\"" + NS + "\"/>")).then(), 400, "soap-operation-mismatch");
        Api.problem(soapCall("ho-tich", "<not-xml").then(), 400, "malformed-envelope");
        assertEquals(before, stub.hits(), "nothing reached the provider");
    }

    // ---- REST facade ----

    @Test
    void restFacadeTurnsJsonIntoSoapAndTheAnswerIntoJson() throws Exception {
        Response answer = asConsumer().contentType("application/json")
                .body("{\"soDinhDanh\":\"001\",\"diaChi\":{\"tinh\":\"Cà Mau\"}}".getBytes(StandardCharsets.UTF_8))
                .post(base + "ho-tich-json");
        answer.then().statusCode(200).contentType(containsString("application/json"));
        assertEquals(JSON.readTree("{\"hoTen\":\"Trần Thị B\",\"con\":[{\"ten\":\"An\"},{\"ten\":\"Bình\"}]}"),
                JSON.readTree(answer.asByteArray()));
        String sent = stub.last().body().toString(StandardCharsets.UTF_8);
        assertTrue(sent.contains("<ns:TraCuu xmlns:ns=\"" + NS + "\"><soDinhDanh>001</soDinhDanh><diaChi><tinh>Cà Mau</tinh></diaChi>"
                + "</ns:TraCuu>"), sent);
        assertEquals("\"urn:TraCuu\"", stub.last().headers().get("SOAPAction"));
        assertEquals("POST", stub.last().method());
    }

    @Test
    void restFacadeBodiesBuiltToExplodeCostNoMoreThanTheirOutput() {
        // A few bytes with a huge exponent: passed as written, never expanded.
        asConsumer().contentType("application/json").body("{\"soDinhDanh\":1e999999999}").post(base + "ho-tich-json")
                .then().statusCode(200);
        String sent = stub.last().body().toString(StandardCharsets.UTF_8);
        assertTrue(sent.contains("<soDinhDanh>1e999999999</soDinhDanh>") && sent.length() < 1000, sent);

        int before = stub.hits();
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        Api.problem(asConsumer().contentType("application/json").body(deep).post(base + "ho-tich-json").then(), 400, "invalid-field");
        String wide = "{\"x\":[" + "0,".repeat(20_000) + "0]}";
        Api.problem(asConsumer().contentType("application/json").body(wide).post(base + "ho-tich-json").then(), 400, "invalid-field");
        Api.problem(asConsumer().contentType("application/json").body("{\"a\":").post(base + "ho-tich-json").then(), 400,
                "malformed-body");
        assertEquals(before, stub.hits(), "no refused body reached the provider");
    }

    @Test
    void restFacadeAnswersSoapFaultsAsProblems() {
        Api.problem(asConsumer().contentType("application/json").body("{\"soDinhDanh\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                        .post(base + "loi-client").then(), 400, "provider-fault")
                .body("faultCode", equalTo("s:Client"))
                .body("faultString", equalTo("Số định danh sai"));
        Api.problem(asConsumer().contentType("application/json").body("{}".getBytes(StandardCharsets.UTF_8))
                        .post(base + "loi-server").then(), 502, "provider-fault")
                .body("faultCode", equalTo("s:Server"));
    }

    @Test
    void anExternalEntityInTheProvidersAnswerIsRefused() {
        int before = stub.hits();
        String answer = Api.problem(asConsumer().contentType("application/json").body("{}".getBytes(StandardCharsets.UTF_8))
                .post(base + "doc-tep").then(), 502, "provider-bad-response").extract().asString();
        assertFalse(answer.contains("TOP-SECRET"), answer);
        assertEquals(before + 1, stub.hits());
    }

    // ---- WSDL from the registry ----

    @Test
    void servesTheRegisteredWsdlWithTheHubsAddressNotTheHostHeadersNorTheProviders() throws Exception {
        int before = stub.hits();
        String raw = RawHttp.exchange(RestAssured.port, "GET " + base + "ho-tich?wsdl HTTP/1.1\r\nHost: evil.example:666\r\n"
                + "X-Forwarded-Host: evil.example\r\n" + CONSUMER_HEADER + ": " + consumer + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(raw), raw);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase();
        assertTrue(head.contains("content-type: text/xml; charset=utf-8"), head);
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertFalse(body.contains("evil.example"), body);
        assertFalse(body.contains("hotich.internal"), body);

        String loopback = InetAddress.getLoopbackAddress().getHostAddress();
        String host = loopback.contains(":") ? "[" + loopback + "]" : loopback;
        String expected = "http://" + host + ":" + RestAssured.port + base + "ho-tich";
        Document wsdl = parse(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, address(wsdl, "http://schemas.xmlsoap.org/wsdl/soap/"));
        assertEquals(expected, address(wsdl, "http://schemas.xmlsoap.org/wsdl/soap12/"));
        // Everything else is the registered document.
        assertEquals(NS, wsdl.getDocumentElement().getAttribute("targetNamespace"));
        assertEquals("urn:TraCuu", ((Element) wsdl.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap/", "operation")
                .item(0)).getAttribute("soapAction"));
        assertEquals("Tra cứu hộ tịch", wsdl.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "documentation")
                .item(0).getTextContent());

        // The query is matched without regard to case; the connector is never involved.
        Response upper = asConsumer().get(base + "ho-tich?WSDL");
        upper.then().statusCode(200).contentType(equalTo("text/xml; charset=utf-8"));
        assertEquals(expected, address(parse(upper.asByteArray()), "http://schemas.xmlsoap.org/wsdl/soap/"));
        assertEquals(before, stub.hits(), "the provider was not called");
    }

    @Test
    void wsdlRequestsStillNeedAnIdentifiedCallerAndAnUploadedDocument() {
        int before = stub.hits();
        Api.problem(RestAssured.get(base + "ho-tich?wsdl").then(), 401, "consumer-unidentified");
        Api.problem(asConsumer().get(base + "ho-tich-json?wsdl").then(), 404, "document-not-found");
        Api.problem(asConsumer().get("/share/" + provider + "/no-such-service?wsdl").then(), 404, "service-not-found");
        // Only the exact query: anything else goes to the connector as a call, never as the WSDL.
        asConsumer().get(base + "ho-tich?wsdl=1").then().contentType(not(containsString("text/xml")));
        assertEquals(before, stub.hits());
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String address(Document wsdl, String namespace) {
        return ((Element) wsdl.getElementsByTagNameNS(namespace, "address").item(0)).getAttribute("location");
    }
}
