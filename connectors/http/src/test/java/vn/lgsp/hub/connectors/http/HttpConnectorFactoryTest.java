package vn.lgsp.hub.connectors.http;

import org.junit.jupiter.api.Test;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.connector.spi.SettingProblem;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.spi.UpstreamAuth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpConnectorFactoryTest {

    private final HttpConnectorFactory factory = new HttpConnectorFactory();

    private List<String> fields(String address, TlsSettings tls, UpstreamAuth auth, Duration timeout) {
        EndpointSettings settings = new EndpointSettings("ep", "http", URI.create(address), timeout, timeout, tls, auth,
                Map.of());
        return factory.validate(settings).stream().map(p -> p.field() + ":" + p.code()).collect(Collectors.toList());
    }

    @Test
    void acceptsUsableSettingsWithoutASecret() {
        // On updates the hub keeps the stored secret and passes none: not an error.
        UpstreamAuth oauth = new UpstreamAuth("oauth2_client_credentials",
                Map.of("tokenUrl", "https://id.tinh.gov.vn/oauth2/token", "clientId", "hub"), null);
        assertEquals(List.of(), fields("https://api.tinh.gov.vn/v1", TlsSettings.DEFAULT, oauth, Duration.ofSeconds(3)));
        assertEquals("http", factory.type());
    }

    @Test
    void reportsEachUnusableField() {
        assertEquals(List.of("address:unsupported-scheme"),
                fields("ftp://files.example/x", TlsSettings.DEFAULT, UpstreamAuth.NONE, Duration.ofSeconds(1)));
        assertEquals(List.of("address:userinfo-not-allowed", "address:query-not-allowed"),
                fields("https://u:p@api.example/v1?k=1", TlsSettings.DEFAULT, UpstreamAuth.NONE, Duration.ofSeconds(1)));
        assertEquals(List.of("address:fragment-not-allowed"),
                fields("https://api.example/v1#x", TlsSettings.DEFAULT, UpstreamAuth.NONE, Duration.ofSeconds(1)));
        assertEquals(List.of("connectTimeout:invalid-duration", "requestTimeout:invalid-duration"),
                fields("https://api.example/", TlsSettings.DEFAULT, UpstreamAuth.NONE, Duration.ZERO));
        TlsSettings badPem = new TlsSettings(true, false, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----",
                null, Secret.of("not a key"));
        assertEquals(List.of("tls.caCertificatesPem:invalid-pem", "tls.clientKeyPem:invalid-pem", "tls.clientCertificatePem:required"),
                fields("https://api.example/", badPem, UpstreamAuth.NONE, Duration.ofSeconds(1)));
        assertEquals(List.of("auth.type:unsupported-auth-type"),
                fields("https://api.example/", TlsSettings.DEFAULT, new UpstreamAuth("digest", Map.of(), null), Duration.ofSeconds(1)));
        assertEquals(List.of("auth.username:required"),
                fields("https://api.example/", TlsSettings.DEFAULT, new UpstreamAuth("basic", Map.of(), null), Duration.ofSeconds(1)));
        assertEquals(List.of("auth.tokenUrl:insecure-url", "auth.clientId:required"),
                fields("https://api.example/", TlsSettings.DEFAULT, new UpstreamAuth("oauth2_client_credentials",
                        Map.of("tokenUrl", "http://id.example/token"), null), Duration.ofSeconds(1)));
    }

    @Test
    void problemMessagesNeverEchoTheKey() {
        TlsSettings tls = new TlsSettings(true, false, null, "x", Secret.of("SUPER-SECRET-KEY"));
        EndpointSettings settings = new EndpointSettings("ep", "http", URI.create("https://a.example/"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), tls, UpstreamAuth.NONE, Map.of());
        for (SettingProblem problem : factory.validate(settings)) {
            assertEquals(false, problem.message().contains("SUPER-SECRET-KEY"));
        }
        assertEquals(2, factory.validate(settings).size());
    }
}
