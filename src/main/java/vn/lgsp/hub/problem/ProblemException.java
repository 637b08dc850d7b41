package vn.lgsp.hub.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown (or failed into a Uni) anywhere on a request path to answer with a problem response.
 * Carries no stack trace: it is an answer, not a bug.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode error;
    private final String field;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(ErrorCode error, String detail, String field, List<FieldError> errors,
                            Map<String, String> headers) {
        super(detail, null, false, false);
        this.error = error;
        this.field = field;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ProblemException(ErrorCode error, String detail) {
        this(error, detail, null, null, null);
    }

    public static ProblemException field(ErrorCode error, String field, String detail) {
        return new ProblemException(error, detail, field, List.of(new FieldError(field, error.code(), detail)), null);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        FieldError first = errors.get(0);
        String detail = errors.size() == 1 ? first.message() : errors.size() + " fields are invalid; first: " + first.message();
        return new ProblemException(ErrorCode.INVALID_FIELD, detail, first.field(), errors, null);
    }

    public ErrorCode error() {
        return error;
    }

    public String field() {
        return field;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
