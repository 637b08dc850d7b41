package vn.lgsp.hub.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.Connectors;
import vn.lgsp.hub.connector.spi.ConnectorFactory;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.SettingProblem;
import vn.lgsp.hub.egress.PolicyEgress;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an endpoint before it is stored: the hub's own rules (address shape, timeouts, no
 * credentials in URLs, no trust-all TLS for security level 3+) and then the connector's.
 */
@ApplicationScoped
public class EndpointRules {

    static final Set<String> AUTH_TYPES = Set.of("none", "api_key", "basic", "oauth2_client_credentials");
    static final Set<String> CLIENT_AUTHENTICATIONS = Set.of("basic", "post");
    /** Settings of {@code auth}: given as options they would be stored and silently ignored. */
    private static final Set<String> AUTH_FIELDS = Set.of("type", "header", "username", "tokenUrl", "clientId", "scope",
            "clientAuthentication", "secret");
    private static final Pattern OPTION_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9._-]{0,63}$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$");
    static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    static final String EGRESS_DENIED = "egress-denied";
    static final String SECRET_REQUIRED_ON_MOVE = "secret-required-on-move";

    @Inject
    Connectors connectors;
    @Inject
    PolicyEgress egress;

    /** Field checks that need no database. */
    void checkInput(EndpointInput in, boolean creating, FieldChecks checks) {
        if (creating) {
            checks.slug("code", in.code());
        }
        if (checks.required("connectorType", in.connectorType()) && connectors.factory(in.connectorType()).isEmpty()) {
            checks.add("connectorType", ErrorCode.UNSUPPORTED_CONNECTOR.code(),
                    "connectorType must be one of the installed connectors: " + connectors.types());
        }
        if (checks.required("address", in.address())) {
            checkAddress(in.address(), checks);
            checkEgress("address", in.address(), checks);
        }
        checks.range("connectTimeoutMs", in.connectTimeoutMs(), 1, 60_000);
        checks.range("requestTimeoutMs", in.requestTimeoutMs(), 1, 300_000);
        if (in.tls() != null) {
            checks.optionalLongText("tls.caCertificatesPem", in.tls().caCertificatesPem(), 65_536);
            checks.optionalLongText("tls.clientCertificatePem", in.tls().clientCertificatePem(), 65_536);
            checks.optionalLongText("tls.clientKeyPem", in.tls().clientKeyPem(), 65_536);
            if (in.tls().clientKeyPem() != null && in.tls().clientCertificatePem() == null) {
                checks.add("tls.clientCertificatePem", "required", "tls.clientCertificatePem is required with tls.clientKeyPem");
            }
        }
        EndpointInput.Auth auth = in.auth();
        if (auth != null) {
            if (checks.required("auth.type", auth.type()) && !AUTH_TYPES.contains(auth.type())) {
                checks.add("auth.type", "unknown-auth-type", "auth.type must be one of " + AUTH_TYPES);
            }
            checks.matches("auth.header", auth.header(), HEADER_NAME, "invalid-header", "auth.header must be an HTTP header name");
            checks.optionalText("auth.username", auth.username(), 200);
            checks.optionalText("auth.tokenUrl", auth.tokenUrl(), 2048);
            if (auth.tokenUrl() != null) {
                checkEgress("auth.tokenUrl", auth.tokenUrl(), checks);
            }
            checks.optionalText("auth.clientId", auth.clientId(), 200);
            checks.optionalText("auth.scope", auth.scope(), 500);
            if (auth.clientAuthentication() != null) {
                if (!"oauth2_client_credentials".equals(auth.type())) {
                    checks.add("auth.clientAuthentication", "not-applicable",
                            "auth.clientAuthentication applies to oauth2_client_credentials only");
                } else if (!CLIENT_AUTHENTICATIONS.contains(auth.clientAuthentication())) {
                    checks.add("auth.clientAuthentication", "invalid-value", "auth.clientAuthentication must be basic or post");
                }
            }
            checks.optionalText("auth.secret", auth.secret(), 4096);
        }
        if (in.options() != null) {
            if (in.options().size() > 50) {
                checks.add("options", "too-many", "at most 50 options");
            }
            in.options().forEach((key, value) -> {
                if (key == null || !OPTION_KEY.matcher(key).matches()) {
                    checks.add("options", "invalid-key", "option names are letters, digits, . _ - (at most 64)");
                } else if (AUTH_FIELDS.contains(key)) {
                    checks.add("options." + key, "misplaced-option", key + " is an auth setting: set auth." + key);
                } else if (value == null) {
                    checks.add("options." + key, "required", "options." + key + " needs a value");
                } else {
                    checks.optionalText("options." + key, value, 1000);
                }
            });
        }
    }

    private static void checkAddress(String address, FieldChecks checks) {
        if (address.length() > 2048) {
            checks.add("address", "too-long", "address must be at most 2048 characters");
            return;
        }
        try {
            URI uri = new URI(address);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                checks.add("address", "invalid-address", "address must be an absolute URL with a host");
            } else if (uri.getRawUserInfo() != null) {
                checks.add("address", "credentials-in-address", "put credentials in auth, never in the address");
            } else if (uri.getRawFragment() != null) {
                checks.add("address", "invalid-address", "address must not have a fragment");
            }
        } catch (URISyntaxException e) {
            checks.add("address", "invalid-address", "address is not a valid URL");
        }
    }

    /** Refuses now an address the egress policy would refuse at every connect (its resolved address is judged then). */
    private void checkEgress(String field, String address, FieldChecks checks) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            return;
        }
        if (uri.getHost() == null) {
            return;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        egress.refusalOfName(uri.getHost(), port).ifPresent(why -> checks.add(field, EGRESS_DENIED, why));
    }

    /**
     * Whether replacing {@code before} with {@code address} and {@code tokenUrl} sends its
     * credentials somewhere else: another scheme, host or port for the address, or for the token
     * URL (where an OAuth2 client secret goes).
     */
    static boolean movesCredentials(Endpoint before, String address, String tokenUrl) {
        return !sameOrigin(before.address(), address) || !sameOrigin(before.auth().tokenUrl(), tokenUrl);
    }

    private static boolean sameOrigin(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        try {
            URI x = new URI(a);
            URI y = new URI(b);
            return x.getScheme() != null && x.getScheme().equalsIgnoreCase(y.getScheme())
                    && x.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost())
                    && x.getPort() == y.getPort();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Rules that depend on the system, and the connector's own checks of the final settings. */
    void checkSettings(InformationSystem system, EndpointSettings settings, FieldChecks checks) {
        if (settings.tls().trustAll() && system.securityLevel() >= 3) {
            checks.add("tls.trustAll", "not-allowed", "trustAll is refused for systems of security level 3 and above");
        }
        String type = settings.auth().type();
        if (!"none".equals(type) && settings.auth().secret() == null) {
            checks.add("auth.secret", "required", "auth.secret is required for auth type " + type);
        }
        ConnectorFactory factory = connectors.factory(settings.connectorType())
                .orElseThrow(() -> ProblemException.field(ErrorCode.UNSUPPORTED_CONNECTOR, "connectorType", "no such connector"));
        for (SettingProblem problem : factory.validate(settings)) {
            checks.add(problem.field(), problem.code(), problem.message());
        }
    }
}
