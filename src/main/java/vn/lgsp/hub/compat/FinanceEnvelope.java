package vn.lgsp.hub.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import vn.lgsp.hub.problem.Problem;

import java.util.regex.Pattern;

/**
 * The answer envelope finance-sector clients parse: {@code error_code} {@code "0"}/{@code "1"}
 * for success and {@code "-1"} for failure. The hub wraps only its own refusals in it (a
 * provider's answer passes as the provider wrote it); the message leads with the stable problem
 * code, and the transaction id rides along for the operator the client will call.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FinanceEnvelope(@JsonProperty("error_code") String errorCode, @JsonProperty("message") String message,
                              @JsonProperty("result") Object result, @JsonProperty("transaction_id") String transactionId) {

    private static final Pattern MESSAGE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$");

    public static FinanceEnvelope of(Problem problem) {
        String detail = problem.detail() == null ? problem.title() : problem.detail();
        String field = problem.field() == null ? "" : " (" + problem.field() + ")";
        return new FinanceEnvelope("-1", problem.code() + ": " + detail + field, null, problem.transactionId());
    }

    /** A MSG_ID the hub may echo: anything else is never written back into a header. */
    public static boolean isMessageId(String value) {
        return value != null && MESSAGE_ID.matcher(value).matches();
    }
}
