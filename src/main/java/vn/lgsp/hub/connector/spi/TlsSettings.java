package vn.lgsp.hub.connector.spi;

/**
 * TLS towards a provider.
 *
 * @param verifyHostname      check the certificate's name against the address (on by default)
 * @param trustAll            accept any certificate; only for test endpoints, refused for
 *                            security level 3 and above by the registry
 * @param caCertificatesPem   extra trusted CA certificates (PEM), e.g. the province's own CA
 * @param clientCertificatePem client certificate chain (PEM) for mutual TLS, or null
 * @param clientKeyPem        the client certificate's private key (PEM: PKCS#8, PKCS#1 RSA or SEC 1 EC, unencrypted); a secret
 */
public record TlsSettings(
        boolean verifyHostname,
        boolean trustAll,
        String caCertificatesPem,
        String clientCertificatePem,
        Secret clientKeyPem) {

    public static final TlsSettings DEFAULT = new TlsSettings(true, false, null, null, null);
}
