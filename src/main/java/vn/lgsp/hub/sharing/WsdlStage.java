package vn.lgsp.hub.sharing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.support.http.BufferReadStream;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.ServiceDocument;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.ServiceRepository;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Answers {@code GET /share/{provider}/{service}?wsdl} for SOAP services with the WSDL stored in
 * the registry, its service addresses pointing at the hub: SOAP tooling generates clients that
 * call through the hub and never learn the provider's own address. The connector is not called.
 *
 * <p>Runs after the consumer is identified and the route resolved (it needs the service), before
 * the access check: the registry serves description documents to any caller too; a grant is
 * needed to call a service, not to learn how to.
 */
@ApplicationScoped
public class WsdlStage implements Stage {

    static final String SOAP11_BINDING = "http://schemas.xmlsoap.org/wsdl/soap/";
    static final String SOAP12_BINDING = "http://schemas.xmlsoap.org/wsdl/soap12/";
    /** WSDL 1.1's HTTP binding has an address too. */
    static final String HTTP_BINDING = "http://schemas.xmlsoap.org/wsdl/http/";
    /** WSDL 2.0 keeps the address on {@code endpoint}; rewritten too so no provider address leaks. */
    static final String WSDL20 = "http://www.w3.org/ns/wsdl";
    static final String WSDL11 = "http://schemas.xmlsoap.org/wsdl/";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";

    @Inject
    Pool pool;
    @Inject
    ServiceRepository services;
    @Inject
    SharingConfig config;

    @Override
    public StageId id() {
        return StageId.WSDL;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        if (!asksForWsdl(exchange) || exchange.route().service().kind() != ServiceKind.SOAP) {
            return next.proceed(exchange);
        }
        String location = serviceUrl(config.publicUrl(), exchange.inbound().localAddress(), exchange.providerCode(),
                exchange.serviceCode());
        return exchange.onLoop(services.document(pool, exchange.route().service().id()).subscribeAsCompletionStage())
                .compose(document -> {
                    if (!"wsdl".equals(document.format())) {
                        return Future.failedFuture(new ProblemException(ErrorCode.DOCUMENT_NOT_FOUND,
                                "no WSDL document was uploaded for this service"));
                    }
                    // Parsing up to lgsp.registry.max-document-bytes of XML would stall the event loop.
                    return exchange.context().executeBlocking(() -> rewrite(document, location), false);
                })
                .map(wsdl -> {
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                            .set("Content-Type", "text/xml; charset=utf-8")
                            .set("X-Content-Type-Options", "nosniff");
                    return new ConnectorResponse(200, headers, new BufferReadStream(exchange.context(), Buffer.buffer(wsdl)),
                            wsdl.length, null);
                });
    }

    /** {@code GET} (or {@code HEAD}) of the service itself with the query exactly {@code wsdl}, any case, and no body. */
    static boolean asksForWsdl(Exchange exchange) {
        String method = exchange.method();
        return ("GET".equals(method) || "HEAD".equals(method)) && "/".equals(exchange.path())
                && "wsdl".equalsIgnoreCase(exchange.rawQuery()) && !exchange.hasBody();
    }

    /**
     * Where callers reach the service through the hub. The request's Host header is the caller's
     * to forge (a poisoned WSDL would send every generated client elsewhere), so it is never
     * used: the configured public URL, else the local address the request came in on.
     */
    static String serviceUrl(Optional<String> publicUrl, SocketAddress local, String provider, String service) {
        String base = publicUrl.map(String::trim).filter(url -> !url.isEmpty()).orElseGet(() -> {
            String host = local.host();
            return "http://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + local.port();
        });
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + SharingRoute.PREFIX + provider + "/" + service;
    }

    /**
     * The WSDL with the location of every SOAP 1.1/1.2 and HTTP address (and WSDL 2.0 endpoint
     * address) set to {@code location}. A document that imports others (stored before uploads
     * refused them) is not served: its imports would send consumers to the provider.
     */
    static byte[] rewrite(ServiceDocument document, String location) throws Exception {
        Document wsdl = secureBuilder().parse(new ByteArrayInputStream(document.content()));
        if (importsDocuments(wsdl)) {
            throw new ProblemException(ErrorCode.DOCUMENT_NOT_FOUND,
                    "the service's WSDL imports documents the hub does not serve; its owner must upload a self-contained WSDL");
        }
        for (String namespace : new String[] {SOAP11_BINDING, SOAP12_BINDING, HTTP_BINDING}) {
            NodeList addresses = wsdl.getElementsByTagNameNS(namespace, "address");
            for (int i = 0; i < addresses.getLength(); i++) {
                ((Element) addresses.item(i)).setAttribute("location", location);
            }
        }
        NodeList endpoints = wsdl.getElementsByTagNameNS(WSDL20, "endpoint");
        for (int i = 0; i < endpoints.getLength(); i++) {
            Element endpoint = (Element) endpoints.item(i);
            if (endpoint.hasAttribute("address")) {
                endpoint.setAttribute("address", location);
            }
        }
        TransformerFactory factory = TransformerFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Transformer transformer = factory.newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream(document.content().length + 256);
        transformer.transform(new DOMSource(wsdl), new StreamResult(out));
        return out.toByteArray();
    }

    private static boolean importsDocuments(Document wsdl) {
        for (String namespace : new String[] {WSDL11, WSDL20}) {
            for (String name : new String[] {"import", "include"}) {
                if (hasAttribute(wsdl.getElementsByTagNameNS(namespace, name), "location")) {
                    return true;
                }
            }
        }
        for (String name : new String[] {"import", "include", "redefine", "override"}) {
            if (hasAttribute(wsdl.getElementsByTagNameNS(XSD, name), "schemaLocation")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAttribute(NodeList elements, String attribute) {
        for (int i = 0; i < elements.getLength(); i++) {
            if (((Element) elements.item(i)).hasAttribute(attribute)) {
                return true;
            }
        }
        return false;
    }

    /** No DOCTYPE, no external entities or schemas, no XInclude: the upload check refused them, and stays the only gate. */
    private static DocumentBuilder secureBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            // The default handler prints to stderr; a broken stored document is a failure, not noise.
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder;
    }
}
