package vn.lgsp.hub.sharing;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.ServiceDocument;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of {@link WsdlStage} that need no running hub: the hub's own URL and the rewrite. */
class WsdlStageTest {

    @Test
    void prefersTheConfiguredPublicUrl() {
        SocketAddress local = SocketAddress.inetSocketAddress(8080, "10.1.2.3");
        assertEquals("https://lgsp.camau.gov.vn/share/p/s",
                WsdlStage.serviceUrl(Optional.of("https://lgsp.camau.gov.vn/"), local, "p", "s"));
        assertEquals("http://10.1.2.3:8080/share/p/s", WsdlStage.serviceUrl(Optional.empty(), local, "p", "s"));
        assertEquals("http://10.1.2.3:8080/share/p/s", WsdlStage.serviceUrl(Optional.of("  "), local, "p", "s"));
        assertEquals("http://[::1]:8443/share/p/s",
                WsdlStage.serviceUrl(Optional.empty(), SocketAddress.inetSocketAddress(8443, "::1"), "p", "s"));
    }

    @Test
    void rewritesWsdl20EndpointsAndLeavesOtherAddressesAlone() throws Exception {
        String wsdl = "<description xmlns=\"http://www.w3.org/ns/wsdl\"><service name=\"s\" interface=\"i\">"
                + "<endpoint name=\"e\" binding=\"b\" address=\"http://provider.internal/ws\"/></service>"
                + "<other xmlns=\"urn:x\" address=\"keep-me\"/></description>";
        String out = new String(WsdlStage.rewrite(doc(wsdl), "https://hub/share/p/s"), StandardCharsets.UTF_8);
        assertTrue(out.contains("address=\"https://hub/share/p/s\""), out);
        assertFalse(out.contains("provider.internal"), out);
        assertTrue(out.contains("address=\"keep-me\""), out);
    }

    @Test
    void rewritesHttpBindingAddressesToo() throws Exception {
        String wsdl = "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" xmlns:http=\"http://schemas.xmlsoap.org/wsdl/http/\">"
                + "<service name=\"s\"><port name=\"p\" binding=\"b\"><http:address location=\"http://provider.internal:8080/get\"/>"
                + "</port></service></definitions>";
        String out = new String(WsdlStage.rewrite(doc(wsdl), "https://hub/share/p/s"), StandardCharsets.UTF_8);
        assertTrue(out.contains("location=\"https://hub/share/p/s\""), out);
        assertFalse(out.contains("provider.internal"), out);
    }

    @Test
    void aStoredWsdlThatImportsOtherDocumentsIsNotServed() {
        for (String wsdl : new String[] {
                "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><import namespace=\"urn:a\" location=\"http://provider.internal/a.wsdl\"/></definitions>",
                "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><types><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                        + "<xs:import namespace=\"urn:t\" schemaLocation=\"http://provider.internal/Service.svc?xsd=xsd0\"/></xs:schema></types></definitions>",
                "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><types><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                        + "<xs:include schemaLocation=\"types.xsd\"/></xs:schema></types></definitions>"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> WsdlStage.rewrite(doc(wsdl), "https://hub/share/p/s"));
            assertEquals(ErrorCode.DOCUMENT_NOT_FOUND, refused.error());
            assertFalse(refused.getMessage().contains("provider.internal"));
        }
    }

    @Test
    void refusesADoctypeEvenIfOneWasStored() {
        String wsdl = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><definitions>&x;</definitions>";
        assertThrows(Exception.class, () -> WsdlStage.rewrite(doc(wsdl), "https://hub/share/p/s"));
    }

    private static ServiceDocument doc(String xml) {
        return new ServiceDocument("wsdl", "text/xml", xml.getBytes(StandardCharsets.UTF_8), "x");
    }
}
