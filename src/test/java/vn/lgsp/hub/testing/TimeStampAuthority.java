package vn.lgsp.hub.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An RFC 3161 time-stamp authority over HTTP (section 3.4: POST {@code application/timestamp-query},
 * answer {@code application/timestamp-reply}), signing with a key the test CA issued. No outside
 * authority is reachable here. {@code POST /fail} makes it answer 503 until {@code POST /heal}, so a
 * test in another class loader than this server's can break it through its URL alone.
 */
public final class TimeStampAuthority implements AutoCloseable {

    public static final String PATH = "/tsa";

    private final HttpServer server;
    private final TimeStampResponseGenerator generator;
    private final AtomicLong serial = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger stamped = new AtomicInteger();

    private TimeStampAuthority(HttpServer server, TimeStampResponseGenerator generator) {
        this.server = server;
        this.generator = generator;
    }

    public static TimeStampAuthority start() {
        try {
            TestKeys.Issued key = TestKeys.issue("LGSP Hub Test TSA", true);
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key.keys().getPrivate(), key.certificate()),
                    new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
            tokens.addCertificates(new JcaCertStore(List.of(key.certificate())));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TimeStampAuthority authority = new TimeStampAuthority(server, new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED));
            server.createContext(PATH, authority::stamp);
            server.createContext("/fail", exchange -> authority.switchTo(exchange, true));
            server.createContext("/heal", exchange -> authority.switchTo(exchange, false));
            server.start();
            return authority;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public int stamped() {
        return stamped.get();
    }

    private void stamp(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (failing.get() || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(failing.get() ? 503 : 405, -1);
                return;
            }
            byte[] der;
            try {
                der = generator.generate(new TimeStampRequest(in.readNBytes(8192)), BigInteger.valueOf(serial.incrementAndGet()),
                        new Date()).getEncoded();
            } catch (Exception e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, der.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(der);
            }
            stamped.incrementAndGet();
        }
    }

    private void switchTo(HttpExchange exchange, boolean fail) throws IOException {
        try (exchange) {
            failing.set(fail);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
