package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.spi.ServiceBinding;
import vn.lgsp.hub.testing.stub.Exchanges;
import vn.lgsp.hub.testing.stub.OnEventLoop;
import vn.lgsp.hub.testing.stub.StubServer;
import vn.lgsp.hub.testing.stub.TestConnectorContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoapConnectorTest {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String NS = "urn:lgsp:hotich";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Vertx vertx;
    private final SoapConnectorFactory factory = new SoapConnectorFactory();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        OnEventLoop.await(vertx.close());
    }

    private Connector connector(StubServer stub) {
        var settings = Exchanges.endpoint("soap", stub.uri("/ws/HoTich"));
        assertEquals(List.of(), factory.validate(settings));
        return factory.create(settings, new TestConnectorContext(vertx));
    }

    private ConnectorResponse exchange(Connector connector, ConnectorRequest request) throws Exception {
        return OnEventLoop.result(vertx, () -> connector.exchange(request));
    }

    private static String envelope(String soapNs, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + soapNs + "\"><s:Body>"
                + body + "</s:Body></s:Envelope>";
    }

    private static ConnectorRequest soapPost(String envelope, MultiMap headers, ServiceBinding service) {
        return Exchanges.request(vertx, "POST", "/", null, headers, Exchanges.utf8(envelope), service);
    }

    private static MultiMap headers(String... pairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private JsonNode json(ConnectorResponse response) throws Exception {
        return JSON.readTree(OnEventLoop.body(vertx, response.body()).getBytes());
    }

    // ---- passthrough ----

    @Test
    void passthroughForwardsTheEnvelopeUnchangedAndReturnsTheAnswer() throws Exception {
        String answer = envelope(SOAP11, "<h:TraCuuResponse xmlns:h=\"" + NS + "\"><h:ketQua>ok</h:ketQua></h:TraCuuResponse>");
        String request = envelope(SOAP11, "<h:TraCuu xmlns:h=\"" + NS + "\"><h:soDinhDanh>001</h:soDinhDanh></h:TraCuu>");
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml; charset=utf-8", answer);
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, soapPost(request,
                    headers("Content-Type", "text/xml", "SOAPAction", "\"urn:TraCuu\""),
                    Exchanges.soapService("TraCuu", Map.of("soapAction", "urn:TraCuu"))));
            StubServer.Received received = stub.last();
            assertEquals(request, received.body().toString());
            assertEquals("/ws/HoTich/", received.uri());
            assertEquals("text/xml; charset=utf-8", received.headers().get("Content-Type"));
            assertEquals("\"urn:TraCuu\"", received.headers().get("SOAPAction"));
            assertEquals(Exchanges.TRANSACTION_ID, received.headers().get("X-Transaction-Id"));
            assertEquals(200, response.status());
            assertNull(response.fault());
            assertEquals(answer, OnEventLoop.body(vertx, response.body()).toString());
        }
    }

    @Test
    void passthroughRefusesAnotherOperationWithoutCallingTheProvider() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", envelope(SOAP11, ""));
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, soapPost(
                    envelope(SOAP11, "<h:XoaHoSo xmlns:h=\"" + NS + "\"/>"), headers(),
                    Exchanges.soapService("TraCuu", Map.of())));
            assertEquals(400, response.status());
            assertEquals("application/problem+json", response.headers().get("Content-Type"));
            assertEquals("soap-operation-mismatch", json(response).get("code").asText());
            assertEquals(0, stub.hits());
        }
    }

    @Test
    void passthroughRefusesEnvelopesAProviderCouldReadAsAnotherOperation() throws Exception {
        String wanted = "<h:TraCuu xmlns:h=\"" + NS + "\"/>";
        String other = "<h:XoaHoSo xmlns:h=\"" + NS + "\"/>";
        String soapBody = "<s:Body>" + wanted + "</s:Body>";
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP11 + "\">";
        Map<String, String> variants = new java.util.LinkedHashMap<>();
        variants.put("two Bodies, the second another operation", head + soapBody + "<s:Body>" + other + "</s:Body></s:Envelope>");
        variants.put("two Bodies, the first another operation", head + "<s:Body>" + other + "</s:Body>" + soapBody + "</s:Envelope>");
        variants.put("two operations in one Body", envelope(SOAP11, wanted + other));
        variants.put("the operation name in another namespace", envelope(SOAP11, "<x:TraCuu xmlns:x=\"urn:other\"/>"));
        variants.put("two Headers", head + "<s:Header/><s:Header/>" + soapBody + "</s:Envelope>");
        variants.put("a Header after the Body", head + soapBody + "<s:Header/></s:Envelope>");
        variants.put("a stray element in the envelope", head + "<x:Extra xmlns:x=\"urn:x\"/>" + soapBody + "</s:Envelope>");
        variants.put("a WS-Addressing Action naming another operation", head + "<s:Header><a:Action xmlns:a=\""
                + "http://www.w3.org/2005/08/addressing\">urn:XoaHoSo</a:Action></s:Header>" + soapBody + "</s:Envelope>");
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", envelope(SOAP11, ""));
             Connector connector = connector(stub)) {
            for (Map.Entry<String, String> variant : variants.entrySet()) {
                ConnectorResponse response = exchange(connector, soapPost(variant.getValue(), headers("SOAPAction", "\"urn:TraCuu\""),
                        Exchanges.soapService("TraCuu", Map.of("soapAction", "urn:TraCuu", "namespace", NS))));
                assertEquals(400, response.status(), variant.getKey());
                String code = json(response).get("code").asText();
                assertTrue(code.equals("soap-operation-mismatch") || code.equals("malformed-envelope"), variant.getKey() + ": " + code);
            }
            assertEquals(0, stub.hits(), "no variant reached the provider");

            ConnectorResponse addressed = exchange(connector, soapPost(head + "<s:Header><a:Action xmlns:a=\""
                    + "http://www.w3.org/2005/08/addressing\">urn:TraCuu</a:Action></s:Header>" + soapBody + "</s:Envelope>",
                    headers("SOAPAction", "\"urn:TraCuu\""), Exchanges.soapService("TraCuu", Map.of("soapAction", "urn:TraCuu", "namespace", NS))));
            assertEquals(200, addressed.status(), "one Header naming the registered action, one Body, one operation passes");
            assertEquals(1, stub.hits());
        }
    }

    @Test
    void passthroughRefusesAMismatchedSoapAction() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", envelope(SOAP11, ""));
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, soapPost(
                    envelope(SOAP11, "<h:TraCuu xmlns:h=\"" + NS + "\"/>"), headers("SOAPAction", "\"urn:XoaHoSo\""),
                    Exchanges.soapService("TraCuu", Map.of("soapAction", "urn:TraCuu"))));
            assertEquals(400, response.status());
            assertEquals("soap-operation-mismatch", json(response).get("code").asText());
            assertEquals(0, stub.hits());
        }
    }

    @Test
    void passthroughSendsSoap12ContentTypeWithAction() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "application/soap+xml", envelope(SOAP12, ""));
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, soapPost(
                    envelope(SOAP12, "<h:TraCuu xmlns:h=\"" + NS + "\"/>"),
                    headers("Content-Type", "application/soap+xml; action=\"urn:TraCuu\""),
                    Exchanges.soapService("TraCuu", Map.of("soapVersion", "1.2", "soapAction", "urn:TraCuu"))));
            assertEquals(200, response.status());
            assertEquals("application/soap+xml; charset=utf-8; action=\"urn:TraCuu\"", stub.last().headers().get("Content-Type"));
            assertNull(stub.last().headers().get("SOAPAction"));
        }
    }

    @Test
    void passthroughReturnsFaultsAsSentAndRecordsThem() throws Exception {
        String fault = envelope(SOAP11, "<s:Fault><faultcode>s:Server</faultcode><faultstring>CSDL bận</faultstring></s:Fault>");
        try (StubServer stub = StubServer.answering(vertx, 500, "text/xml; charset=utf-8", fault);
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, soapPost(
                    envelope(SOAP11, "<h:TraCuu xmlns:h=\"" + NS + "\"/>"), headers(), Exchanges.soapService("TraCuu", Map.of())));
            assertEquals(500, response.status());
            assertEquals("s:Server: CSDL bận", response.fault());
            assertEquals(fault, OnEventLoop.body(vertx, response.body()).toString());
        }
    }

    @Test
    void passthroughRefusesEntityExpansionInTheCallersEnvelope() throws Exception {
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body><h:TraCuu xmlns:h=\"" + NS + "\">&lol3;</h:TraCuu>"
                + "</s:Body></s:Envelope>";
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", envelope(SOAP11, ""));
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, soapPost(billionLaughs, headers(),
                    Exchanges.soapService("TraCuu", Map.of())));
            assertEquals(400, response.status());
            JsonNode problem = json(response);
            assertEquals("malformed-envelope", problem.get("code").asText());
            assertEquals("DOCTYPE is not allowed", problem.get("detail").asText());
            assertEquals(0, stub.hits());
        }
    }

    @Test
    void passthroughRefusesEnvelopesOverTheLimit() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", envelope(SOAP11, ""));
             Connector connector = connector(stub)) {
            String big = envelope(SOAP11, "<h:TraCuu xmlns:h=\"" + NS + "\">" + "x".repeat(2000) + "</h:TraCuu>");
            Throwable failure = OnEventLoop.failure(vertx, () -> connector.exchange(Exchanges.request(vertx, "POST", "/", null,
                    headers(), Exchanges.utf8(big), -1, Exchanges.soapService("TraCuu", Map.of("maxEnvelopeBytes", "1024")))));
            assertInstanceOf(IllegalArgumentException.class, failure);
            assertEquals(0, stub.hits());
        }
    }

    // ---- rest-facade ----

    private static ServiceBinding facade(Map<String, String> extra) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("mode", "rest-facade", "namespace", NS,
                "soapAction", "urn:TraCuu"));
        options.putAll(extra);
        return Exchanges.soapService("TraCuu", options);
    }

    @Test
    void restFacadeConvertsJsonToSoapAndTheAnswerBack() throws Exception {
        String answer = envelope(SOAP11, "<r:TraCuuResponse xmlns:r=\"" + NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<r:TraCuuResult><r:hoTen loai=\"day-du\">Trần Thị B &amp; C</r:hoTen>"
                + "<r:con><r:ten>An</r:ten></r:con><r:con><r:ten>Bình</r:ten></r:con>"
                + "<r:diaChi><r:tinh>Hà Nội</r:tinh><r:xa xsi:nil=\"true\"/></r:diaChi>"
                + "<r:ghiChu></r:ghiChu></r:TraCuuResult></r:TraCuuResponse>");
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml; charset=utf-8", answer);
             Connector connector = connector(stub)) {
            String body = "{\"soDinhDanh\":\"001<&>\\\"\",\"tuoi\":42,\"diem\":12.50,\"conSong\":true,\"ghiChu\":null,"
                    + "\"diaChi\":{\"tinh\":\"Hà Nội\",\"xa\":\"Phúc Xá\"},\"giayTo\":[\"CCCD\",\"HC\"],"
                    + "\"nguoiThan\":[{\"ten\":\"A\"},{\"ten\":\"B\"}]}";
            ConnectorResponse response = exchange(connector, Exchanges.request(vertx, "POST", "/", null,
                    headers("Content-Type", "application/json"), Exchanges.utf8(body),
                    facade(Map.of("responseWrapper", "TraCuuResponse"))));

            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                    + "<soap:Body><ns:TraCuu xmlns:ns=\"" + NS + "\">"
                    + "<soDinhDanh>001&lt;&amp;&gt;&quot;</soDinhDanh><tuoi>42</tuoi><diem>12.50</diem><conSong>true</conSong>"
                    + "<ghiChu xsi:nil=\"true\"/><diaChi><tinh>Hà Nội</tinh><xa>Phúc Xá</xa></diaChi>"
                    + "<giayTo>CCCD</giayTo><giayTo>HC</giayTo>"
                    + "<nguoiThan><ten>A</ten></nguoiThan><nguoiThan><ten>B</ten></nguoiThan>"
                    + "</ns:TraCuu></soap:Body></soap:Envelope>", stub.last().body().toString());
            assertEquals("text/xml; charset=utf-8", stub.last().headers().get("Content-Type"));
            assertEquals("\"urn:TraCuu\"", stub.last().headers().get("SOAPAction"));

            assertEquals(200, response.status());
            assertEquals("application/json", response.headers().get("Content-Type"));
            assertEquals(JSON.readTree("{\"hoTen\":\"Trần Thị B & C\",\"con\":[{\"ten\":\"An\"},{\"ten\":\"Bình\"}],"
                    + "\"diaChi\":{\"tinh\":\"Hà Nội\",\"xa\":null},\"ghiChu\":\"\"}"), json(response));
        }
    }

    @Test
    void restFacadeGetWithoutBodySendsAnEmptyOperation() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "application/soap+xml",
                envelope(SOAP12, "<r:PingResponse xmlns:r=\"" + NS + "\"><r:ok>true</r:ok></r:PingResponse>"));
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, Exchanges.get(vertx, "/",
                    new ServiceBinding("ping", "1", "GET", "/", "Ping", Map.of("mode", "rest-facade", "namespace", NS, "soapVersion", "1.2"))));
            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP12
                    + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soap:Body><ns:Ping xmlns:ns=\"" + NS
                    + "\"></ns:Ping></soap:Body></soap:Envelope>", stub.last().body().toString());
            assertEquals("POST", stub.last().method());
            assertEquals("application/soap+xml; charset=utf-8", stub.last().headers().get("Content-Type"));
            assertEquals(JSON.readTree("{\"ok\":\"true\"}"), json(response));
        }
    }

    @Test
    void restFacadeTurnsAClientFaultInto400() throws Exception {
        String fault = envelope(SOAP11, "<s:Fault><faultcode>s:Client</faultcode><faultstring>Số định danh sai</faultstring></s:Fault>");
        try (StubServer stub = StubServer.answering(vertx, 500, "text/xml", fault);
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, Exchanges.request(vertx, "POST", "/", null, headers(),
                    Exchanges.utf8("{\"soDinhDanh\":\"x\"}"), facade(Map.of())));
            assertEquals(400, response.status());
            assertEquals("s:Client: Số định danh sai", response.fault());
            JsonNode problem = json(response);
            assertEquals("provider-fault", problem.get("code").asText());
            assertEquals("s:Client", problem.get("faultCode").asText());
            assertEquals("Số định danh sai", problem.get("faultString").asText());
            assertEquals(Exchanges.TRANSACTION_ID, problem.get("transactionId").asText());
        }
    }

    @Test
    void restFacadeTurnsAServerFaultInto502() throws Exception {
        String fault = envelope(SOAP12, "<s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"vi\">Lỗi hệ thống</s:Text></s:Reason></s:Fault>");
        try (StubServer stub = StubServer.answering(vertx, 500, "application/soap+xml", fault);
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, Exchanges.request(vertx, "POST", "/", null, headers(),
                    Exchanges.utf8("{}"), facade(Map.of("soapVersion", "1.2"))));
            assertEquals(502, response.status());
            assertEquals("application/problem+json", response.headers().get("Content-Type"));
            JsonNode problem = json(response);
            assertEquals("provider-fault", problem.get("code").asText());
            assertEquals("s:Receiver", problem.get("faultCode").asText());
            assertEquals("s:Receiver: Lỗi hệ thống", response.fault());
        }
    }

    @Test
    void restFacadeRefusesAnExternalEntityInTheProvidersAnswer(@TempDir Path directory) throws Exception {
        Path secret = directory.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body><r:TraCuuResponse xmlns:r=\"" + NS + "\">"
                + "<r:ketQua>&xxe;</r:ketQua></r:TraCuuResponse></s:Body></s:Envelope>";
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", xxe);
             Connector connector = connector(stub)) {
            Throwable failure = OnEventLoop.failure(vertx, () -> connector.exchange(Exchanges.request(vertx, "POST", "/",
                    null, headers(), Exchanges.utf8("{}"), facade(Map.of()))));
            ConnectorException e = assertInstanceOf(ConnectorException.class, failure);
            assertEquals(ConnectorException.Kind.BAD_RESPONSE, e.kind());
            assertFalse(e.getMessage().contains("TOP-SECRET"));
            assertEquals(1, stub.hits());
        }
    }

    @Test
    void restFacadeRefusesDeeplyNestedAnswers() throws Exception {
        String deep = "<a>".repeat(150) + "</a>".repeat(150);
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml",
                envelope(SOAP11, "<r:TraCuuResponse xmlns:r=\"" + NS + "\">" + deep + "</r:TraCuuResponse>"));
             Connector connector = connector(stub)) {
            Throwable failure = OnEventLoop.failure(vertx, () -> connector.exchange(Exchanges.request(vertx, "POST", "/",
                    null, headers(), Exchanges.utf8("{}"), facade(Map.of()))));
            assertEquals(ConnectorException.Kind.BAD_RESPONSE, assertInstanceOf(ConnectorException.class, failure).kind());
        }
    }

    @Test
    void restFacadeRefusesAnswersOverTheLimit() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml",
                envelope(SOAP11, "<r:TraCuuResponse xmlns:r=\"" + NS + "\">" + "y".repeat(5000) + "</r:TraCuuResponse>"));
             Connector connector = connector(stub)) {
            Throwable failure = OnEventLoop.failure(vertx, () -> connector.exchange(Exchanges.request(vertx, "POST", "/",
                    null, headers(), Exchanges.utf8("{}"), facade(Map.of("maxResponseBytes", "1000")))));
            ConnectorException e = assertInstanceOf(ConnectorException.class, failure);
            assertEquals(ConnectorException.Kind.BAD_RESPONSE, e.kind());
            assertEquals("provider answer exceeds maxResponseBytes", e.getMessage());
        }
    }

    @Test
    void restFacadeRefusesFieldNamesThatAreNotXmlNamesWithoutIo() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", envelope(SOAP11, ""));
             Connector connector = connector(stub)) {
            ConnectorResponse response = exchange(connector, Exchanges.request(vertx, "POST", "/", null, headers(),
                    Exchanges.utf8("{\"diaChi\":{\"ok\":1,\"so nha\":\"12\"}}"), facade(Map.of())));
            assertEquals(400, response.status());
            JsonNode problem = json(response);
            assertEquals("invalid-field", problem.get("code").asText());
            assertEquals("diaChi.so nha", problem.get("field").asText());
            ConnectorResponse injection = exchange(connector, Exchanges.request(vertx, "POST", "/", null, headers(),
                    Exchanges.utf8("{\"a><b\":1}"), facade(Map.of())));
            assertEquals(400, injection.status());
            assertEquals(0, stub.hits());
        }
    }

    @Test
    void probesAWsdlPath() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/xml", "<definitions/>");
             Connector connector = connector(stub)) {
            var result = OnEventLoop.result(vertx, () -> connector.probe(
                    new vn.lgsp.hub.connector.spi.ProbeRequest("/?wsdl", java.time.Duration.ofSeconds(2), null)));
            assertEquals(true, result.up());
            assertEquals("/ws/HoTich/?wsdl", stub.last().uri());
        }
    }
}
