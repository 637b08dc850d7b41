package vn.lgsp.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.DeserializationUtils;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Accepts a service description document only if it is what it claims to be and can be served
 * as it is: an OpenAPI 3 document that a real OpenAPI parser reads without errors (or a Swagger
 * 2.0 document with its required members), as JSON or YAML, or a self-contained WSDL 1.1/2.0
 * document (root element in the WSDL namespace, no imports of other documents). XML is read with
 * DTDs and external entities refused (no XXE, no entity-expansion bombs); YAML with bounded
 * depth, aliases and size; {@code $ref}s are never followed, so nothing else is read.
 */
@ApplicationScoped
public class ServiceDocuments {

    static final String WSDL11 = "http://schemas.xmlsoap.org/wsdl/";
    static final String WSDL20 = "http://www.w3.org/ns/wsdl";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final int MAX_REPORTED_PROBLEMS = 5;
    private static final XMLInputFactory XML = secureXmlFactory();
    private static final ParseOptions OPENAPI = openApiOptions();

    @Inject
    ObjectMapper mapper;
    @Inject
    RegistryConfig config;

    /** The document, checked; blocking work for up to {@code lgsp.registry.max-document-bytes}: call it off the event loop. */
    public ServiceDocument accept(String contentType, byte[] content) {
        if (content == null || content.length == 0) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the document is empty");
        }
        if (content.length > config.maxDocumentBytes()) {
            throw new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE, "the document is larger than " + config.maxDocumentBytes() + " bytes");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json", "application/vnd.oai.openapi+json" -> openApi(mediaType, content, true);
            case "application/yaml", "application/x-yaml", "text/yaml", "application/vnd.oai.openapi" -> openApi(mediaType, content, false);
            case "application/wsdl+xml", "application/xml", "text/xml" -> wsdl(mediaType, content);
            default -> throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "upload OpenAPI as application/json or application/yaml, or WSDL as application/wsdl+xml or text/xml");
        };
    }

    /** Refuses a document that describes another kind of service: a WSDL for REST, an OpenAPI for SOAP. */
    public static void requireFits(ServiceKind kind, ServiceDocument document) {
        boolean soap = kind == ServiceKind.SOAP;
        if (!(soap ? "wsdl" : "openapi").equals(document.format())) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, soap
                    ? "a SOAP service is described by a WSDL, not by an OpenAPI document"
                    : "a REST service is described by an OpenAPI document, not by a WSDL");
        }
    }

    private ServiceDocument openApi(String mediaType, byte[] content, boolean json) {
        String text = utf8(content);
        JsonNode root = json ? readJson(text) : readYaml(text);
        if (root == null || !root.isObject() || !(root.path("openapi").isTextual() || root.path("swagger").isTextual())) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "an OpenAPI document needs a top-level openapi (or swagger) version");
        }
        if (root.has("swagger")) {
            swagger2(root);
        } else {
            SwaggerParseResult parsed;
            try {
                parsed = new OpenAPIV3Parser().readContents(text, null, OPENAPI);
            } catch (RuntimeException e) {
                throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the OpenAPI document could not be read");
            }
            List<String> problems = parsed.getMessages() == null ? List.of() : parsed.getMessages();
            if (parsed.getOpenAPI() == null || !problems.isEmpty()) {
                throw invalid("the OpenAPI document is not valid", problems);
            }
        }
        return new ServiceDocument("openapi", mediaType, content, sha256(content));
    }

    private JsonNode readJson(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the OpenAPI document is not valid JSON");
        }
    }

    /** YAML through the parser's own reader, with the bounds of {@link #openApiOptions()}. */
    private static JsonNode readYaml(String text) {
        SwaggerParseResult read = new SwaggerParseResult();
        JsonNode root;
        try {
            root = DeserializationUtils.deserializeIntoTree(text, "upload", OPENAPI, read);
        } catch (RuntimeException e) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the OpenAPI document is not valid YAML");
        }
        List<String> problems = read.getMessages() == null ? List.of() : read.getMessages();
        if (root == null || !problems.isEmpty()) {
            throw invalid("the OpenAPI document is not valid YAML", problems);
        }
        return root;
    }

    /** Swagger 2.0: the members its specification requires. */
    private static void swagger2(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (!"2.0".equals(root.path("swagger").asText())) {
            problems.add("swagger must be \"2.0\" (OpenAPI 3 documents name their version in openapi)");
        }
        if (!root.path("info").path("title").isTextual()) {
            problems.add("info.title is missing");
        }
        if (!root.path("info").path("version").isTextual()) {
            problems.add("info.version is missing");
        }
        JsonNode paths = root.path("paths");
        if (!paths.isObject()) {
            problems.add("paths is missing");
        } else {
            paths.fieldNames().forEachRemaining(path -> {
                if (!path.startsWith("/") && !path.startsWith("x-")) {
                    problems.add("paths." + path + " must start with /");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw invalid("the Swagger 2.0 document is not valid", problems);
        }
    }

    private static ProblemException invalid(String what, List<String> problems) {
        if (problems.isEmpty()) {
            return new ProblemException(ErrorCode.INVALID_DOCUMENT, what);
        }
        String listed = String.join("; ", problems.subList(0, Math.min(MAX_REPORTED_PROBLEMS, problems.size())));
        if (listed.length() > 600) {
            listed = listed.substring(0, 600) + "...";
        }
        return new ProblemException(ErrorCode.INVALID_DOCUMENT, what + ": " + listed
                + (problems.size() > MAX_REPORTED_PROBLEMS ? " (and " + (problems.size() - MAX_REPORTED_PROBLEMS) + " more)" : ""));
    }

    private ServiceDocument wsdl(String mediaType, byte[] content) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                boolean rootSeen = false;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "DOCTYPE declarations are not accepted in WSDL");
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (!rootSeen) {
                        rootSeen = true;
                        checkRoot(reader.getNamespaceURI(), reader.getLocalName());
                    }
                    refuseImport(reader);
                }
                if (!rootSeen) {
                    throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the WSDL document has no root element");
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the WSDL document is not well-formed XML");
        }
        return new ServiceDocument("wsdl", mediaType, content, sha256(content));
    }

    private static void checkRoot(String namespace, String name) {
        boolean wsdl11 = "definitions".equals(name) && WSDL11.equals(namespace);
        boolean wsdl20 = "description".equals(name) && WSDL20.equals(namespace);
        if (!wsdl11 && !wsdl20) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "a WSDL document's root is definitions in " + WSDL11
                    + " (WSDL 1.1) or description in " + WSDL20 + " (WSDL 2.0), not " + name + " in "
                    + (namespace == null || namespace.isEmpty() ? "no namespace" : bounded(namespace)));
        }
    }

    /**
     * The hub serves the WSDL it stores and nothing beside it: an import of another document
     * would send consumers to the provider's own address (and to a document the hub does not
     * serve, nor checks grants for).
     */
    private static void refuseImport(XMLStreamReader element) {
        String namespace = element.getNamespaceURI();
        String name = element.getLocalName();
        String location = null;
        if ((WSDL11.equals(namespace) || WSDL20.equals(namespace)) && ("import".equals(name) || "include".equals(name))) {
            location = element.getAttributeValue(null, "location");
        } else if (XSD.equals(namespace) && ("import".equals(name) || "include".equals(name) || "redefine".equals(name) || "override".equals(name))) {
            location = element.getAttributeValue(null, "schemaLocation");
        }
        if (location != null) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the WSDL " + name + "s " + bounded(location) + " (line "
                    + element.getLocation().getLineNumber() + "): upload one self-contained WSDL with its schemas inline"
                    + " (a WCF service gives one at ?singleWsdl); the hub serves no documents beside it");
        }
    }

    private static String bounded(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the document is not UTF-8 text");
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParseOptions openApiOptions() {
        // Bounds for YAML read by the parser (the defaults allow millions of aliases and
        // 2,000 levels); a description document needs neither.
        DeserializationUtils.Options yaml = DeserializationUtils.getOptions();
        yaml.setMaxYamlDepth(128);
        yaml.setMaxYamlAliasesForCollections(50);
        yaml.setMaxYamlReferences(100_000L);
        yaml.setYamlCycleCheck(true);
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setValidateExternalRefs(false);
        options.setSafelyResolveURL(true);
        return options;
    }

    private static XMLInputFactory secureXmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }
}
