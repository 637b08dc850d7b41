package vn.lgsp.hub.compat;

import io.vertx.core.http.HttpServerRequest;
import vn.lgsp.hub.exchange.Fact;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a call carried of today's LGSPs' conventions, as the road read it before anyone was
 * identified; {@link CompatStage} then checks it against the caller's profile. A call of the
 * hub's own API carries none and costs two header lookups.
 *
 * @param lgspToken   the decoded {@code lgspaccesstoken} header, or null
 * @param context     the WSO2 API context of a {@code /{context}/{version}/...} call, or null
 * @param version     the version segment of such a call
 * @param gateway     true on a finance gateway path, where {@code RECEIVER_CODE} and {@code TRAN_CODE} select the service
 * @param senderCode  {@code SENDER_CODE}, or null
 * @param msgId       {@code MSG_ID} as sent, or generated on a finance call that sent none; echoed in the answer
 */
public record ClientConventions(LgspAccessToken lgspToken, String context, String version, boolean gateway, String senderCode,
                                String receiverCode, String tranCode, String msgId) {

    public static final Fact<ClientConventions> FACT = Fact.of("client-conventions", ClientConventions.class);
    /** Established when the caller's profile wants the hub's own errors in the finance envelope. */
    public static final Fact<Boolean> ENVELOPE = Fact.of("envelope", Boolean.class);

    public static final String SENDER_CODE = "SENDER_CODE";
    public static final String RECEIVER_CODE = "RECEIVER_CODE";
    public static final String TRAN_CODE = "TRAN_CODE";
    public static final String MSG_ID = "MSG_ID";
    private static final Pattern CODE = CompatProfileInput.FINANCE_CODE;

    /** A call of the hub's own URL ({@code /share/...}): only the headers; null when it carries none. */
    public static ClientConventions ofHeaders(HttpServerRequest request) {
        String token = single(request, LgspAccessToken.HEADER);
        String sender = single(request, SENDER_CODE);
        if (token == null && sender == null) {
            return null;
        }
        return new ClientConventions(token == null ? null : LgspAccessToken.decode(token), null, null, false, code(SENDER_CODE, sender),
                null, null, messageId(request, false));
    }

    /** A WSO2-style call {@code /{context}/{version}/...}. */
    public static ClientConventions ofContext(HttpServerRequest request, String context, String version) {
        String token = single(request, LgspAccessToken.HEADER);
        return new ClientConventions(token == null ? null : LgspAccessToken.decode(token), context, version, false,
                code(SENDER_CODE, single(request, SENDER_CODE)), null, null, messageId(request, false));
    }

    /** A finance-sector call to a gateway path: {@code RECEIVER_CODE} and {@code TRAN_CODE} are required. */
    public static ClientConventions ofGateway(HttpServerRequest request) {
        String token = single(request, LgspAccessToken.HEADER);
        String receiver = code(RECEIVER_CODE, single(request, RECEIVER_CODE));
        String tran = code(TRAN_CODE, single(request, TRAN_CODE));
        if (receiver == null || tran == null) {
            throw ProblemException.field(ErrorCode.HEADER_REJECTED, receiver == null ? RECEIVER_CODE : TRAN_CODE,
                    "a finance gateway call names its service with RECEIVER_CODE and TRAN_CODE");
        }
        return new ClientConventions(token == null ? null : LgspAccessToken.decode(token), null, null, true,
                code(SENDER_CODE, single(request, SENDER_CODE)), receiver, tran, messageId(request, true));
    }

    /**
     * A convention header's one value: sent twice, the hub would check one copy while the
     * provider might read the other.
     */
    private static String single(HttpServerRequest request, String header) {
        String value = request.getHeader(header);
        if (value != null && request.headers().getAll(header).size() > 1) {
            throw ProblemException.field(ErrorCode.HEADER_REJECTED, header, header + " must be sent once");
        }
        return value;
    }

    private static String code(String header, String value) {
        if (value == null) {
            return null;
        }
        if (!CODE.matcher(value).matches()) {
            throw ProblemException.field(ErrorCode.HEADER_REJECTED, header, header + " must be 1 to 40 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static String messageId(HttpServerRequest request, boolean generate) {
        String value = single(request, MSG_ID);
        if (value == null) {
            return generate ? UUID.randomUUID().toString() : null;
        }
        if (!FinanceEnvelope.isMessageId(value)) {
            throw ProblemException.field(ErrorCode.HEADER_REJECTED, MSG_ID, "MSG_ID must be 1 to 100 letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }
}
