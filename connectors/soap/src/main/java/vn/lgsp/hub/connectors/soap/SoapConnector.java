package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.ProbeRequest;
import vn.lgsp.hub.connector.spi.ProbeResult;
import vn.lgsp.hub.connector.support.http.BodyTooLargeException;
import vn.lgsp.hub.connector.support.http.BoundedBody;
import vn.lgsp.hub.connector.support.http.BufferReadStream;
import vn.lgsp.hub.connector.support.http.UpstreamCall;
import vn.lgsp.hub.connector.support.http.UpstreamHttpClient;
import vn.lgsp.hub.connectors.soap.SoapServiceOptions.Mode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * SOAP 1.1/1.2 over HTTP. In passthrough mode the caller's envelope is checked against the
 * registered operation and forwarded byte for byte; in rest-facade mode JSON is converted to a
 * SOAP request and the answer back to JSON (Circular 13/2017/TT-BTTTT art. 17).
 */
final class SoapConnector implements Connector {

    /** Parsing more than this on an event loop would stall it; such bodies go to a worker. */
    /**
     * Bodies up to this size are converted on the event loop (a worker hand-off costs more than
     * their parse); larger ones on a worker, so that a consumer sending large or hostile bodies
     * does not hold up the other calls on the loop.
     */
    private static final int PARSE_ON_LOOP_LIMIT = 16 * 1024;
    /** Writes answers only: requests are read token by token in {@link JsonToSoapEnvelope}. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EndpointSettings settings;
    private final UpstreamHttpClient upstream;
    private final Vertx vertx;

    SoapConnector(EndpointSettings settings, UpstreamHttpClient upstream, Vertx vertx) {
        this.settings = settings;
        this.upstream = upstream;
        this.vertx = vertx;
    }

    @Override
    public Future<ConnectorResponse> exchange(ConnectorRequest request) {
        SoapServiceOptions options;
        try {
            options = SoapServiceOptions.of(request.service(), settings);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Context context = vertx.getOrCreateContext();
        return options.mode() == Mode.PASSTHROUGH
                ? passthrough(request, options, context)
                : restFacade(request, options, context);
    }

    @Override
    public Future<ProbeResult> probe(ProbeRequest request) {
        if (request.target() == null || !request.target().startsWith("/")) {
            return Future.succeededFuture(ProbeResult.unsupported());
        }
        return upstream.probe(request.target(), request.timeout(), status -> status >= 200 && status < 300);
    }

    @Override
    public void close() {
        upstream.close();
    }

    // ---- passthrough ----

    private Future<ConnectorResponse> passthrough(ConnectorRequest request, SoapServiceOptions options, Context context) {
        return readCallerBody(request, options.maxEnvelopeBytes())
                .compose(envelope -> off(context, envelope.length(), () -> SoapMessage.parseRequest(envelope.getBytes()))
                        .transform(parsed -> {
                            if (parsed.failed()) {
                                return parsed.cause() instanceof XmlRejectedException rejected
                                        ? Future.succeededFuture(refuse(context, request, "malformed-envelope",
                                                "The SOAP envelope is not acceptable", rejected.getMessage()))
                                        : Future.failedFuture(parsed.cause());
                            }
                            return forwardEnvelope(request, options, context, envelope, parsed.result());
                        }));
    }

    private Future<ConnectorResponse> forwardEnvelope(ConnectorRequest request, SoapServiceOptions options,
                                                      Context context, Buffer envelope, SoapMessage message) {
        if (message.version() != options.version()) {
            return Future.succeededFuture(refuse(context, request, "soap-version-mismatch",
                    "The envelope's SOAP version is not the service's",
                    "the service expects SOAP " + options.version().label()));
        }
        if (message.payload() == null || !message.payload().localName().equals(options.operation())
                || (options.namespace() != null && !options.namespace().equals(message.payload().namespace()))) {
            return Future.succeededFuture(refuse(context, request, "soap-operation-mismatch",
                    "The envelope does not call the service's operation",
                    "the service accepts only the operation " + options.operation()
                            + (options.namespace() == null ? "" : " in namespace " + options.namespace())));
        }
        String addressed = message.addressingAction();
        if (addressed != null && !(options.soapAction() != null && addressed.equals(options.soapAction()))) {
            return Future.succeededFuture(refuse(context, request, "soap-operation-mismatch",
                    "The WS-Addressing Action does not match the service's operation",
                    "a WS-Addressing Action must be the service's registered SOAP action"));
        }
        String callerAction = callerAction(request.headers(), options.version());
        if (callerAction != null && !callerAction.isEmpty() && options.soapAction() != null
                && !callerAction.equals(options.soapAction())) {
            return Future.succeededFuture(refuse(context, request, "soap-operation-mismatch",
                    "The SOAP action does not match the service's operation",
                    "the service accepts only its registered SOAP action"));
        }
        String action = options.soapAction() != null ? options.soapAction() : (callerAction == null ? "" : callerAction);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (request.headers() != null) {
            headers.addAll(request.headers());
        }
        headers.remove("SOAPAction");
        soapHeaders(headers, options.version(), action);
        UpstreamCall call = UpstreamCall.buffered("POST", request.path(), request.rawQuery(), headers,
                request.transactionId(), request.traceparent(), envelope);
        return upstream.send(call).compose(response -> passthroughAnswer(response, options, context));
    }

    /**
     * Success answers stream through untouched. Error answers are where faults live (500 in SOAP
     * 1.1, 400/500 in 1.2), so only those are buffered to find the fault for the ledger.
     */
    private Future<ConnectorResponse> passthroughAnswer(HttpClientResponse response, SoapServiceOptions options,
                                                        Context context) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
        if (response.statusCode() < 400) {
            return Future.succeededFuture(new ConnectorResponse(response.statusCode(), headers, response,
                    contentLength(headers), null));
        }
        return readAnswer(response, options.maxResponseBytes(), vertx, settings.requestTimeout().toMillis())
                .compose(answer -> off(context, answer.length(), () -> SoapMessage.parse(answer.getBytes()))
                        .transform(parsed -> {
                            String fault = parsed.succeeded() && parsed.result().fault() != null
                                    ? parsed.result().fault().summary() : null;
                            headers.remove("Transfer-Encoding");
                            headers.set("Content-Length", Integer.toString(answer.length()));
                            return Future.succeededFuture(new ConnectorResponse(response.statusCode(), headers,
                                    new BufferReadStream(context, answer), answer.length(), fault));
                        }));
    }

    private static String callerAction(MultiMap headers, SoapVersion version) {
        if (headers == null) {
            return null;
        }
        if (version == SoapVersion.V1_1) {
            return unquote(headers.get("SOAPAction"));
        }
        String contentType = headers.get("Content-Type");
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("action")) {
                return unquote(parameter.substring(eq + 1));
            }
        }
        return null;
    }

    private static String unquote(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    // ---- rest-facade ----

    private Future<ConnectorResponse> restFacade(ConnectorRequest request, SoapServiceOptions options, Context context) {
        JsonToSoapEnvelope converter = new JsonToSoapEnvelope(options.version(), options.operation(), options.namespace(),
                options.qualifiedChildren());
        return readCallerBody(request, options.maxEnvelopeBytes())
                .compose(body -> off(context, body.length(), () -> converter.write(body.getBytes(), options.maxEnvelopeBytes()))
                        .transform(converted -> converted.succeeded()
                                ? sendFacade(request, options, context, converted.result())
                                : Future.succeededFuture(conversionRefused(context, request, options, converted.cause()))));
    }

    private static ConnectorResponse conversionRefused(Context context, ConnectorRequest request, SoapServiceOptions options,
                                                       Throwable failure) {
        if (failure instanceof InvalidFieldException e) {
            return ProblemResponses.problem(context, 400, "invalid-field", "A field has an invalid value", e.getMessage(),
                    request.transactionId(), Map.of("field", e.field()), null);
        }
        if (failure instanceof JsonToSoapEnvelope.TooLarge) {
            return ProblemResponses.problem(context, 413, "request-too-large", "The request is too large", failure.getMessage(),
                    request.transactionId(), Map.of("field", "body"), null);
        }
        return refuse(context, request, "malformed-body", "The request body is not well-formed", "the body is not valid JSON");
    }

    private Future<ConnectorResponse> sendFacade(ConnectorRequest request, SoapServiceOptions options, Context context,
                                                 String envelope) {
        byte[] bytes = envelope.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > options.maxEnvelopeBytes()) {
            return Future.succeededFuture(conversionRefused(context, request, options,
                    new JsonToSoapEnvelope.TooLarge(options.maxEnvelopeBytes())));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        String action = options.soapAction() == null ? "" : options.soapAction();
        soapHeaders(headers, options.version(), action);
        UpstreamCall call = UpstreamCall.buffered("POST", request.path(), request.rawQuery(), headers,
                request.transactionId(), request.traceparent(), Buffer.buffer(bytes));
        return upstream.send(call)
                .compose(response -> readAnswer(response, options.maxResponseBytes(), vertx, settings.requestTimeout().toMillis())
                        .compose(answer -> off(context, answer.length(),
                                () -> toJsonAnswer(response.statusCode(), answer, options, context, request))));
    }

    private ConnectorResponse toJsonAnswer(int status, Buffer answer, SoapServiceOptions options, Context context,
                                           ConnectorRequest request) throws Exception {
        SoapMessage message;
        try {
            message = SoapMessage.parse(answer.getBytes());
        } catch (XmlRejectedException e) {
            throw badResponse("provider answer rejected: " + e.getMessage());
        }
        SoapFault fault = message.fault();
        if (fault != null) {
            int problemStatus = fault.callerAtFault() ? 400 : 502;
            return ProblemResponses.problem(context, problemStatus, "provider-fault",
                    "The provider answered with a SOAP fault", fault.reason(), request.transactionId(),
                    Map.of("faultCode", fault.code(), "faultString", fault.reason()), fault.summary());
        }
        if (status / 100 != 2) {
            throw badResponse("provider answered status " + status + " without a SOAP fault");
        }
        XmlElement payload = message.payload();
        if (options.responseWrapper() != null) {
            if (payload == null || !payload.localName().equals(options.responseWrapper())) {
                throw badResponse("provider answer has no " + options.responseWrapper() + " element");
            }
            payload = payload.firstChild();
        }
        JsonNode json = payload == null ? JSON.createObjectNode() : XmlToJson.convert(payload);
        return ProblemResponses.json(context, status, "application/json", Buffer.buffer(JSON.writeValueAsBytes(json)), null);
    }

    // ---- shared ----

    private static void soapHeaders(MultiMap headers, SoapVersion version, String action) {
        headers.set("Content-Type", version.contentType(action));
        if (version == SoapVersion.V1_1) {
            headers.set("SOAPAction", "\"" + action + "\"");
        }
    }

    private static Future<Buffer> readCallerBody(ConnectorRequest request, long maxBytes) {
        if (request.bodyLength() > maxBytes) {
            return Future.failedFuture(new IllegalArgumentException("request body exceeds maxEnvelopeBytes"));
        }
        return BoundedBody.collect(request.body(), maxBytes)
                .recover(failure -> Future.failedFuture(failure instanceof BodyTooLargeException
                        ? new IllegalArgumentException("request body exceeds maxEnvelopeBytes")
                        : failure));
    }

    // The head's timer is over once the head is in: a provider that then stalls is timed out here.
    private static Future<Buffer> readAnswer(HttpClientResponse response, long maxBytes, Vertx vertx, long idleMillis) {
        return BoundedBody.collect(response, maxBytes, vertx, idleMillis).recover(failure -> {
            // Stop the provider sending the rest; the connection cannot be reused anyway.
            response.request().reset();
            if (failure instanceof TimeoutException) {
                return Future.failedFuture(new ConnectorException(ConnectorException.Kind.TIMEOUT,
                        "the provider's answer stalled for " + idleMillis + " ms"));
            }
            return Future.failedFuture(failure instanceof BodyTooLargeException
                    ? badResponse("provider answer exceeds maxResponseBytes")
                    : badResponse("provider answer broke off"));
        });
    }

    private static ConnectorResponse refuse(Context context, ConnectorRequest request, String code, String title,
                                            String detail) {
        return ProblemResponses.problem(context, 400, code, title, detail, request.transactionId(), Map.of(), null);
    }

    private static ConnectorException badResponse(String message) {
        return new ConnectorException(ConnectorException.Kind.BAD_RESPONSE, message);
    }

    private static <T> Future<T> off(Context context, int size, Callable<T> work) {
        if (size > PARSE_ON_LOOP_LIMIT) {
            return context.executeBlocking(work, false);
        }
        try {
            return Future.succeededFuture(work.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    private static long contentLength(MultiMap headers) {
        String value = headers.get("Content-Length");
        if (value == null || headers.contains("Transfer-Encoding")) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
