package vn.lgsp.hub.access;

import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.CompletionStage;

/**
 * Says which registered system a sharing request comes from. {@link ConsumerIdentifiers} picks
 * the implementation: the OIDC bearer token's client id mapped to one system (the default), or a
 * trusted header when {@code lgsp.sharing.trusted-consumer-header} is set (tests, local demos).
 */
public interface ConsumerIdentifier {

    /**
     * The calling system's code, or null when the request carries no identity this understands;
     * may fail with a {@link vn.lgsp.hub.problem.ProblemException} (401/403) saying why.
     * Completes on any thread; never blocks.
     */
    CompletionStage<String> identify(HttpServerRequest request);

    /** The request header that carries the identity and must never reach a provider, or null. */
    String identityHeader();
}
