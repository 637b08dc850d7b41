package vn.lgsp.hub.connector.support.http;

import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.SettingProblem;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.spi.UpstreamAuth;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks every HTTP-based connector makes on endpoint settings: address, timeouts, TLS
 * material, upstream auth parameters and the pool option. Secrets are not required here: on an
 * update the hub keeps the stored secret and passes none.
 */
public final class HttpEndpointSettingsCheck {

    private HttpEndpointSettingsCheck() {
    }

    public static List<SettingProblem> problems(EndpointSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        checkAddress(settings.address(), problems);
        checkTimeout("connectTimeout", settings.connectTimeout(), problems);
        checkTimeout("requestTimeout", settings.requestTimeout(), problems);
        checkTls(settings.tls(), problems);
        checkAuth(settings.auth(), problems);
        checkPositiveInt(settings.options().get(UpstreamHttpClient.OPTION_MAX_CONNECTIONS),
                "options." + UpstreamHttpClient.OPTION_MAX_CONNECTIONS, problems);
        return problems;
    }

    /** Adds a problem unless {@code value} is absent or a positive int. */
    public static void checkPositiveInt(String value, String field, List<SettingProblem> problems) {
        if (value == null) {
            return;
        }
        try {
            if (Integer.parseInt(value.trim()) > 0) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(new SettingProblem(field, "invalid-number", "must be a positive whole number"));
    }

    private static void checkAddress(URI address, List<SettingProblem> problems) {
        if (address == null) {
            problems.add(new SettingProblem("address", "required", "the endpoint address is required"));
            return;
        }
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        if (!address.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            problems.add(new SettingProblem("address", "unsupported-scheme", "the address must be an absolute http or https URL"));
            return;
        }
        if (address.getHost() == null || address.getHost().isEmpty()) {
            problems.add(new SettingProblem("address", "missing-host", "the address must name a host"));
        }
        if (address.getRawUserInfo() != null) {
            problems.add(new SettingProblem("address", "userinfo-not-allowed", "credentials belong in the auth settings, not the address"));
        }
        if (address.getRawFragment() != null) {
            problems.add(new SettingProblem("address", "fragment-not-allowed", "the address must not have a fragment"));
        }
        if (address.getRawQuery() != null) {
            problems.add(new SettingProblem("address", "query-not-allowed", "the address must not have a query"));
        }
        String path = address.getRawPath();
        if (path != null && !path.isEmpty()) {
            if (path.contains("/./") || path.contains("/../") || path.endsWith("/..") || path.endsWith("/.")
                    || path.contains("\\")) {
                problems.add(new SettingProblem("address", "invalid-path", "the address path must not have dot segments"));
            }
        }
    }

    private static void checkTimeout(String field, Duration timeout, List<SettingProblem> problems) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            problems.add(new SettingProblem(field, "invalid-duration", "must be a positive duration"));
        } else if (timeout.toMillis() > Integer.MAX_VALUE) {
            problems.add(new SettingProblem(field, "invalid-duration", "is too long"));
        }
    }

    private static void checkTls(TlsSettings tls, List<SettingProblem> problems) {
        if (tls.caCertificatesPem() != null && !tls.caCertificatesPem().isBlank()) {
            try {
                PemMaterial.certificateCount(tls.caCertificatesPem());
            } catch (CertificateException e) {
                problems.add(new SettingProblem("tls.caCertificatesPem", "invalid-pem", "not a PEM X.509 certificate list"));
            }
        }
        if (tls.clientCertificatePem() != null && !tls.clientCertificatePem().isBlank()) {
            try {
                PemMaterial.certificateCount(tls.clientCertificatePem());
            } catch (CertificateException e) {
                problems.add(new SettingProblem("tls.clientCertificatePem", "invalid-pem", "not a PEM X.509 certificate chain"));
            }
        }
        if (tls.clientKeyPem() != null && !PemMaterial.isPrivateKey(tls.clientKeyPem().reveal())) {
            // The message never echoes the key.
            problems.add(new SettingProblem("tls.clientKeyPem", "invalid-pem", "not an unencrypted PEM private key (PKCS#8, or PKCS#1 RSA / SEC 1 EC)"));
        }
        if (tls.clientKeyPem() != null && (tls.clientCertificatePem() == null || tls.clientCertificatePem().isBlank())) {
            problems.add(new SettingProblem("tls.clientCertificatePem", "required", "a client key needs its certificate"));
        }
    }

    private static void checkAuth(UpstreamAuth auth, List<SettingProblem> problems) {
        String type = auth.type() == null ? "" : auth.type();
        switch (type) {
            case UpstreamAuthenticator.NONE -> { }
            case UpstreamAuthenticator.API_KEY -> {
                String header = auth.param("header");
                if (header != null && !header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    problems.add(new SettingProblem("auth.header", "invalid-header-name", "not a valid HTTP header name"));
                }
            }
            case UpstreamAuthenticator.BASIC -> {
                String username = auth.param("username");
                if (username == null || username.isBlank()) {
                    problems.add(new SettingProblem("auth.username", "required", "basic auth needs a username"));
                } else if (username.contains(":")) {
                    problems.add(new SettingProblem("auth.username", "invalid-username", "a basic auth username cannot contain ':'"));
                }
            }
            case UpstreamAuthenticator.OAUTH2_CLIENT_CREDENTIALS -> {
                checkTokenUrl(auth.param("tokenUrl"), problems);
                String clientId = auth.param("clientId");
                if (clientId == null || clientId.isBlank()) {
                    problems.add(new SettingProblem("auth.clientId", "required", "OAuth2 client credentials need a client id"));
                }
            }
            default -> problems.add(new SettingProblem("auth.type", "unsupported-auth-type",
                    "auth type must be none, api_key, basic or oauth2_client_credentials"));
        }
    }

    private static void checkTokenUrl(String tokenUrl, List<SettingProblem> problems) {
        if (tokenUrl == null || tokenUrl.isBlank()) {
            problems.add(new SettingProblem("auth.tokenUrl", "required", "OAuth2 client credentials need a token URL"));
            return;
        }
        URI uri;
        try {
            uri = new URI(tokenUrl);
        } catch (URISyntaxException e) {
            problems.add(new SettingProblem("auth.tokenUrl", "invalid-url", "not a valid URL"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add(new SettingProblem("auth.tokenUrl", "invalid-url", "must be an absolute https URL"));
        } else if (scheme.equals("http") && !EndpointAddress.isLoopbackHost(uri.getHost())) {
            problems.add(new SettingProblem("auth.tokenUrl", "insecure-url", "must use https (http only for loopback)"));
        } else if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            problems.add(new SettingProblem("auth.tokenUrl", "invalid-url", "must not have userinfo or a fragment"));
        }
    }
}
