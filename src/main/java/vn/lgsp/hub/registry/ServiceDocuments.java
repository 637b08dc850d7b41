package vn.lgsp.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accepts a service description document only if it is what it claims to be: OpenAPI as JSON or
 * YAML with an {@code openapi}/{@code swagger} version, or a WSDL 1.1/2.0 document. XML is read
 * with DTDs and external entities refused (no XXE, no entity-expansion bombs).
 */
@ApplicationScoped
public class ServiceDocuments {

    private static final Pattern YAML_OPENAPI = Pattern.compile("(?m)^(openapi|swagger)\\s*:\\s*['\"]?[0-9]");
    private static final XMLInputFactory XML = secureXmlFactory();

    @Inject
    ObjectMapper mapper;
    @Inject
    RegistryConfig config;

    public ServiceDocument accept(String contentType, byte[] content) {
        if (content == null || content.length == 0) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the document is empty");
        }
        if (content.length > config.maxDocumentBytes()) {
            throw new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE, "the document is larger than " + config.maxDocumentBytes() + " bytes");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json", "application/vnd.oai.openapi+json" -> openApiJson(mediaType, content);
            case "application/yaml", "application/x-yaml", "text/yaml", "application/vnd.oai.openapi" -> openApiYaml(mediaType, content);
            case "application/wsdl+xml", "application/xml", "text/xml" -> wsdl(mediaType, content);
            default -> throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "upload OpenAPI as application/json or application/yaml, or WSDL as application/wsdl+xml or text/xml");
        };
    }

    private ServiceDocument openApiJson(String mediaType, byte[] content) {
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (IOException e) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the OpenAPI document is not valid JSON");
        }
        if (root == null || !root.isObject() || !(root.path("openapi").isTextual() || root.path("swagger").isTextual())) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "an OpenAPI document needs a top-level openapi (or swagger) version");
        }
        return new ServiceDocument("openapi", mediaType, content, sha256(content));
    }

    private ServiceDocument openApiYaml(String mediaType, byte[] content) {
        String text = utf8(content);
        if (!YAML_OPENAPI.matcher(text).find()) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "an OpenAPI document needs a top-level openapi (or swagger) version");
        }
        return new ServiceDocument("openapi", mediaType, content, sha256(content));
    }

    private ServiceDocument wsdl(String mediaType, byte[] content) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                String root = null;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "DOCTYPE declarations are not accepted in WSDL");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && root == null) {
                        root = reader.getLocalName();
                    }
                }
                if (!"definitions".equals(root) && !"description".equals(root)) {
                    throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "a WSDL document's root is definitions (1.1) or description (2.0)");
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new ProblemException(ErrorCode.INVALID_DOCUMENT, "the WSDL document is not well-formed XML");
        }
        return new ServiceDocument("wsdl", mediaType, content, sha256(content));
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

    private static XMLInputFactory secureXmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }
}
