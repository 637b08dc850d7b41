package vn.lgsp.hub.evidence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Asks the configured RFC 3161 time-stamp authority to stamp a digest (HTTP POST of a DER
 * {@code TimeStampReq}, RFC 3161 section 3.4), and checks that the token answers this request:
 * same digest, same nonce, status granted. Non-blocking.
 */
@ApplicationScoped
public class TimeStampClient {

    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    @Inject
    MessageLogConfig config;
    @Inject
    Vertx vertx;

    private final SecureRandom random = new SecureRandom();
    private HttpClient client;

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.timeStamping().timeout().toMillis())
                .setIdleTimeout((int) config.timeStamping().timeout().toSeconds() + 1));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public boolean configured() {
        return config.timeStamping().url().isPresent();
    }

    /** The DER token over {@code sha256}, or a failure saying why there is none. */
    public Future<byte[]> stamp(byte[] sha256) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(64, random));
        byte[] der;
        try {
            der = request.getEncoded();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        RequestOptions options = new RequestOptions().setAbsoluteURI(config.timeStamping().url().orElseThrow()).setMethod(HttpMethod.POST)
                .setTimeout(config.timeStamping().timeout().toMillis()).putHeader("Content-Type", "application/timestamp-query");
        return client.request(options)
                .compose(call -> call.send(Buffer.buffer(der)))
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture(new IOException("time-stamp authority answered HTTP " + response.statusCode()));
                    }
                    return response.body();
                })
                .compose(body -> {
                    if (body.length() > MAX_RESPONSE_BYTES) {
                        return Future.failedFuture(new IOException("time-stamp answer larger than " + MAX_RESPONSE_BYTES + " bytes"));
                    }
                    try {
                        TimeStampResponse answer = new TimeStampResponse(body.getBytes());
                        answer.validate(request);
                        TimeStampToken token = answer.getTimeStampToken();
                        if (token == null) {
                            return Future.failedFuture(new IOException("time stamp refused: " + answer.getStatusString()));
                        }
                        return Future.succeededFuture(token.getEncoded());
                    } catch (TSPException | IOException e) {
                        return Future.failedFuture(new IOException("not a valid time-stamp answer: " + e.getMessage(), e));
                    }
                });
    }
}
