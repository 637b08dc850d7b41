package vn.lgsp.hub.problem;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request a transaction id the hub mints before anything else runs, echoed in the
 * response and in every problem document, so a caller and an operator talk about the same
 * request. The caller's own {@value #HEADER}, when valid, is not adopted (a caller who sent one
 * id on many calls could otherwise have them recorded as one): it is kept as the request's
 * correlation id, echoed as {@value #CORRELATION_HEADER}, passed to the provider and searchable
 * in the ledger.
 */
@ApplicationScoped
public class TransactionIds {

    public static final String HEADER = "X-Transaction-Id";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String CONTEXT_KEY = "lgsp.transaction-id";
    static final String CORRELATION_KEY = "lgsp.correlation-id";
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    void register(@Observes Filters filters) {
        filters.register(this::assign, 10_000);
    }

    private void assign(RoutingContext rc) {
        assigned(rc);
        rc.next();
    }

    /** The request's transaction id, assigned now if no filter did yet (routes that run early). */
    public static String assigned(RoutingContext rc) {
        String existing = rc.get(CONTEXT_KEY);
        if (existing != null) {
            return existing;
        }
        String id = mint();
        rc.put(CONTEXT_KEY, id);
        rc.response().putHeader(HEADER, id);
        String incoming = rc.request().getHeader(HEADER);
        if (isValid(incoming)) {
            rc.put(CORRELATION_KEY, incoming);
            rc.response().putHeader(CORRELATION_HEADER, incoming);
        }
        return id;
    }

    /** The caller's own id for this request (its valid {@value #HEADER}), or null. */
    public static String correlationOf(RoutingContext rc) {
        return rc == null ? null : rc.get(CORRELATION_KEY);
    }

    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    /** The id assigned to this request, or null outside an HTTP request. */
    public static String of(RoutingContext rc) {
        return rc == null ? null : rc.get(CONTEXT_KEY);
    }

    /** The id of a request seen as a bare Vert.x request (where no routing context is at hand). */
    public static String of(HttpServerRequest request) {
        return request == null ? null : request.response().headers().get(HEADER);
    }

    /** The caller's own id of a request seen as a bare Vert.x request, or null. */
    public static String correlationOf(HttpServerRequest request) {
        return request == null ? null : request.response().headers().get(CORRELATION_HEADER);
    }

    /**
     * A UUIDv7: time-ordered (good for B-tree indexes on the ledger) and cheap to make (no
     * SecureRandom contention on the hot path; it is an identifier, not a secret).
     */
    public static String mint() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] out = new char[36];
        int p = 0;
        p = hex(out, p, high >>> 32, 8);
        out[p++] = '-';
        p = hex(out, p, high >>> 16, 4);
        out[p++] = '-';
        p = hex(out, p, high, 4);
        out[p++] = '-';
        p = hex(out, p, low >>> 48, 4);
        out[p++] = '-';
        hex(out, p, low, 12);
        return new String(out);
    }

    private static int hex(char[] out, int pos, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[pos + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return pos + digits;
    }
}
