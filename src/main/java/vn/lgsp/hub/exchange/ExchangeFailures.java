package vn.lgsp.hub.exchange;

import org.jboss.logging.Logger;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.concurrent.CompletionException;

/**
 * What the caller is told when a sharing request fails, decided in one place so the answer, the
 * ledger and the metrics always agree on the status and error code.
 */
public final class ExchangeFailures {

    private static final Logger LOG = Logger.getLogger(ExchangeFailures.class);

    private ExchangeFailures() {
    }

    public static ProblemException toProblem(Throwable failure, String transactionId) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof ConnectorException connector) {
            ErrorCode code = switch (connector.kind()) {
                case TIMEOUT -> ErrorCode.PROVIDER_TIMEOUT;
                case CONNECT_FAILED -> ErrorCode.PROVIDER_UNREACHABLE;
                case TLS_FAILED -> ErrorCode.PROVIDER_TLS_FAILED;
                case BAD_RESPONSE -> ErrorCode.PROVIDER_BAD_RESPONSE;
                case UPSTREAM_AUTH_FAILED -> ErrorCode.PROVIDER_AUTH_FAILED;
                case EGRESS_REFUSED -> ErrorCode.EGRESS_REFUSED;
            };
            return new ProblemException(code, code.title());
        }
        if (failure instanceof IllegalArgumentException) {
            return new ProblemException(ErrorCode.REQUEST_REJECTED, "the provider's connector refused the request before sending it");
        }
        LOG.errorf(failure, "sharing request failed [tx %s]", transactionId);
        return new ProblemException(ErrorCode.INTERNAL_ERROR, "the hub failed to handle the request; quote the transaction id to the operators");
    }
}
