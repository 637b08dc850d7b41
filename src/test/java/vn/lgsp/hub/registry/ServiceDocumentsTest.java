package vn.lgsp.hub.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.testing.Configs;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Description documents are read by real parsers, and refused with what is wrong in them. */
class ServiceDocumentsTest {

    private static final String OPENAPI_YAML = """
            openapi: 3.0.3
            info:
              title: Hộ tịch
              version: "1.0"
            paths:
              /records/{id}:
                get:
                  parameters:
                    - name: id
                      in: path
                      required: true
                      schema: {type: string}
                  responses:
                    "200": {description: ok}
            """;

    private final ServiceDocuments documents = documents();

    @Test
    void acceptsValidOpenApiSwaggerAndWsdl() {
        assertEquals("openapi", accept("application/yaml", OPENAPI_YAML).format());
        assertEquals("openapi", accept("application/json", "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{}}").format());
        assertEquals("openapi", accept("application/json", "{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{\"/a\":{}}}").format());
        assertEquals("wsdl", accept("text/xml", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><types/></definitions>").format());
        assertEquals("wsdl", accept("application/wsdl+xml", "<description xmlns=\"http://www.w3.org/ns/wsdl\"/>").format());
    }

    @Test
    void aYamlOpenApiThatDoesNotParseIsRefused() {
        // Passed a pattern check on "openapi: 3" before: the YAML itself is broken.
        assertRefused("application/yaml", "openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n", "not valid YAML");
        assertRefused("application/yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  records: {}\n", "paths");
        assertRefused("application/yaml", "openapi: 3.0.3\npaths: {}\n", "info");
        assertRefused("application/json", "{\"swagger\":\"2.0\",\"paths\":{}}", "info.title");
    }

    @Test
    void yamlAliasBombsAreRefusedNotExpanded() {
        StringBuilder bomb = new StringBuilder("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String previous = "a";
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append("x-").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = String.valueOf(c);
        }
        assertRefused("application/yaml", bomb.toString(), "");
    }

    @Test
    void aWsdlRootInAnotherNamespaceIsRefused() {
        assertRefused("text/xml", "<definitions xmlns=\"urn:not-wsdl\"/>", "urn:not-wsdl");
        assertRefused("text/xml", "<definitions/>", "no namespace");
        assertRefused("text/xml", "<description xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>", "description");
    }

    @Test
    void aWsdlThatImportsOtherDocumentsIsRefused() {
        assertRefused("text/xml", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n<import namespace=\"urn:a\" location=\"http://provider.internal/a.wsdl\"/></definitions>",
                "line 2");
        assertRefused("text/xml", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><types><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                + "<xs:import namespace=\"urn:t\" schemaLocation=\"http://provider.internal/Service.svc?xsd=xsd0\"/></xs:schema></types></definitions>", "singleWsdl");
        assertRefused("text/xml", "<description xmlns=\"http://www.w3.org/ns/wsdl\"><include location=\"more.wsdl\"/></description>", "include");
        // An import of a namespace without a location reads nothing and stays accepted.
        assertEquals("wsdl", accept("text/xml", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><types><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                + "<xs:import namespace=\"urn:t\"/></xs:schema></types></definitions>").format());
    }

    @Test
    void aDocumentMustDescribeTheKindOfItsService() {
        ServiceDocument openApi = accept("application/yaml", OPENAPI_YAML);
        ServiceDocument wsdl = accept("text/xml", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>");
        ServiceDocuments.requireFits(ServiceKind.REST, openApi);
        ServiceDocuments.requireFits(ServiceKind.SOAP, wsdl);
        ProblemException soap = assertThrows(ProblemException.class, () -> ServiceDocuments.requireFits(ServiceKind.SOAP, openApi));
        assertEquals(ErrorCode.INVALID_DOCUMENT, soap.error());
        assertTrue(soap.getMessage().contains("WSDL"), soap.getMessage());
        assertThrows(ProblemException.class, () -> ServiceDocuments.requireFits(ServiceKind.REST, wsdl));
    }

    private ServiceDocument accept(String mediaType, String text) {
        return documents.accept(mediaType, text.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String mediaType, String text, String mentions) {
        ProblemException refused = assertThrows(ProblemException.class, () -> accept(mediaType, text));
        assertEquals(ErrorCode.INVALID_DOCUMENT, refused.error(), refused.getMessage());
        assertTrue(refused.getMessage().contains(mentions), refused.getMessage());
    }

    private static ServiceDocuments documents() {
        ServiceDocuments documents = new ServiceDocuments();
        documents.mapper = new ObjectMapper();
        documents.config = Configs.of(RegistryConfig.class, Map.of());
        return documents;
    }
}
