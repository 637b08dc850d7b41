package vn.lgsp.hub.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 (formerly 7807) problem document, served as {@code application/problem+json}.
 * {@code code}, {@code field} and {@code transactionId} are the hub's extension members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String field,
        String transactionId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode error, String detail, String instance, String field, String transactionId,
                             List<FieldError> errors) {
        return new Problem(error.type(), error.title(), error.status(), detail, instance, error.code(), field, transactionId,
                errors == null || errors.isEmpty() ? null : errors);
    }

    public static Problem of(ProblemException e, String instance, String transactionId) {
        return of(e.error(), e.getMessage(), instance, e.field(), transactionId, e.errors());
    }
}
