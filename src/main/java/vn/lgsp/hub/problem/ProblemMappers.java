package vn.lgsp.hub.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure on an API path into a problem document: client mistakes get their stable
 * code and the field at fault, anything else a 500 with only the transaction id (the details go
 * to the log, never to the caller).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return respond(request, e.error(), e.getMessage(), e.field(), e.errors(), e);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        String field = path(e);
        return respond(request, ErrorCode.UNKNOWN_FIELD, field + " is not a field of this resource", field,
                List.of(new FieldError(field, ErrorCode.UNKNOWN_FIELD.code(), field + " is not a field of this resource")), null);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, HttpServerRequest request) {
        String field = path(e);
        String detail = e instanceof InvalidFormatException || field.length() > 0
                ? field + " has a value of the wrong type or format" : "the body does not match the expected document";
        return respond(request, ErrorCode.INVALID_FIELD, detail, field.isEmpty() ? null : field,
                field.isEmpty() ? null : List.of(new FieldError(field, "wrong-type", detail)), null);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, HttpServerRequest request) {
        String field = path(e);
        return respond(request, ErrorCode.INVALID_FIELD, field + " is invalid", field.isEmpty() ? null : field, null, null);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return respond(request, ErrorCode.MALFORMED_BODY,
                "the body is not valid JSON (line " + line + ", column " + column + ")", null, null, null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return respond(request, ErrorCode.NOT_FOUND, "no resource at this path", null, null, null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        Response r = respond(request, ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this resource", null, null, null);
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? r : Response.fromResponse(r).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpServerRequest request) {
        return respond(request, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body with a supported Content-Type", null, null, null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return respond(request, ErrorCode.NOT_ACCEPTABLE, "no representation matches Accept", null, null, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return respond(request, ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large", null, null, null);
        }
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (status == 404) {
            return respond(request, ErrorCode.NOT_FOUND, "no resource at this path", null, null, null);
        }
        if (status == 400) {
            // RESTEasy's own 400s come from a body it could not read (empty, wrong encoding).
            return respond(request, ErrorCode.MALFORMED_BODY, "the request body could not be read", null, null, null);
        }
        return respond(request, ErrorCode.INVALID_PARAMETER, "the request is invalid", null, null, null);
    }

    @ServerExceptionMapper
    public Response database(PgException e, HttpServerRequest request) {
        // Repositories translate the violations they expect; reaching here means a constraint
        // the API did not check first, which is still the client's input, not a hub fault.
        String state = e.getSqlState();
        if (state != null && (state.startsWith("22") || state.equals("23514") || state.equals("23502"))) {
            return respond(request, ErrorCode.INVALID_FIELD, "a value is out of the accepted range or format", null, null, null);
        }
        return unexpected(e, request);
    }

    @ServerExceptionMapper
    public Response unreachable(ConnectException e, HttpServerRequest request) {
        LOG.warnf("database unreachable [tx %s]: %s", TransactionIds.of(request), e.getMessage());
        Response r = respond(request, ErrorCode.STORAGE_UNAVAILABLE, "the hub's database is not reachable; retry later", null, null, null);
        return Response.fromResponse(r).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected failure [tx %s] %s %s", TransactionIds.of(request),
                request == null ? "" : request.method(), request == null ? "" : request.path());
        return respond(request, ErrorCode.INTERNAL_ERROR,
                "the hub failed to handle the request; quote the transaction id to the operators", null, null, null);
    }

    static Response respond(HttpServerRequest request, ErrorCode error, String detail, String field,
                            List<FieldError> errors, ProblemException source) {
        String tx = TransactionIds.of(request);
        Problem body = Problem.of(error, detail, request == null ? null : request.path(), field, tx, errors);
        Response.ResponseBuilder builder = Response.status(error.status()).type(Problem.MEDIA_TYPE).entity(body);
        if (source != null) {
            source.headers().forEach(builder::header);
        }
        return builder.build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
