package vn.lgsp.hub.compat;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.access.ClientSystems;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Address;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Facts;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * The conventions a call used ({@link ClientConventions}), checked once the consumer is known:
 * each must be enabled in the consumer's profile; an {@code lgspaccesstoken} must name the
 * bearer token's own client; {@code SENDER_CODE} must be the caller's own code; a WSO2 context
 * or a {@code RECEIVER_CODE} + {@code TRAN_CODE} pair becomes the call's {@link Facts#ADDRESS}.
 * Only after this does anyone learn whether the address exists.
 */
@ApplicationScoped
public class CompatStage implements Stage {

    @Inject
    CompatDirectory directory;
    @Inject
    ClientSystems clients;

    @Override
    public StageId id() {
        return StageId.COMPAT;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        ClientConventions used = exchange.find(ClientConventions.FACT);
        if (used == null) {
            return next.proceed(exchange);
        }
        return exchange.onLoop(directory.view()).compose(view -> {
            CompatProfile profile = view.profileOf(exchange.consumer());
            if (profile.envelope()) {
                exchange.establish(ClientConventions.ENVELOPE, true);
            }
            if (used.lgspToken() == null) {
                return decide(exchange, used, view, profile, next);
            }
            return exchange.onLoop(clients.systemOf(used.lgspToken().accessKey())).compose(named -> {
                if (!exchange.consumer().equals(named)) {
                    return Future.failedFuture(ProblemException.field(ErrorCode.LGSP_TOKEN_MISMATCH, LgspAccessToken.HEADER,
                            "the lgspaccesstoken's AccessKey is not the client of the bearer token"));
                }
                return decide(exchange, used, view, profile, next);
            });
        });
    }

    private Future<ConnectorResponse> decide(Exchange exchange, ClientConventions used, CompatDirectory.View view, CompatProfile profile,
                                             Chain next) {
        List<String> names = new ArrayList<>(3);
        if (used.lgspToken() != null) {
            if (!profile.lgspAccessToken()) {
                return notEnabled(LgspAccessToken.HEADER, "lgspaccesstoken");
            }
            names.add("lgsp-token");
        }
        if (used.senderCode() != null && !used.senderCode().equalsIgnoreCase(profile.senderCode())) {
            return Future.failedFuture(ProblemException.field(ErrorCode.SENDER_CODE_MISMATCH, ClientConventions.SENDER_CODE,
                    "SENDER_CODE must be the calling system's own code"));
        }
        CompatAddress address = null;
        String version = null;
        if (used.context() != null) {
            if (!profile.wso2()) {
                return notEnabled("path", "WSO2-style /{context}/{version} paths");
            }
            names.add("wso2");
            address = view.byContext(used.context());
            version = used.version();
            if (address == null) {
                return Future.failedFuture(ProblemException.field(ErrorCode.ADDRESS_NOT_FOUND, "context", "no service has this API context"));
            }
        }
        if (used.gateway()) {
            if (!profile.financeHeaders()) {
                return notEnabled(ClientConventions.TRAN_CODE, "finance-sector headers");
            }
            names.add("finance");
            address = view.byTranCode(used.receiverCode(), used.tranCode());
            if (address == null) {
                return Future.failedFuture(ProblemException.field(ErrorCode.ADDRESS_NOT_FOUND, ClientConventions.TRAN_CODE,
                        "no service has this RECEIVER_CODE and TRAN_CODE"));
            }
        }
        if (address != null) {
            exchange.establish(Facts.ADDRESS, new Address(address.providerCode(), address.serviceCode(), version));
        }
        if (!names.isEmpty()) {
            exchange.establish(Facts.CLIENT_PROFILE, String.join("+", names));
        }
        return next.proceed(exchange);
    }

    private static Future<ConnectorResponse> notEnabled(String field, String what) {
        return Future.failedFuture(ProblemException.field(ErrorCode.PROFILE_NOT_ENABLED, field,
                "the calling system's compatibility profile does not enable " + what + "; an admin enables it"));
    }
}
