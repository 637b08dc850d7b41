package vn.lgsp.hub.registry;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Parses query and path parameters into values, answering 400 with the parameter's name instead
 * of the 404 JAX-RS gives for an unconvertible parameter.
 */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type, Function<String, E> parse) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase()).toList());
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be one of: " + allowed);
        }
    }

    static String slug(String name, String value) {
        if (value == null || value.length() > 63 || !FieldChecks.SLUG.matcher(value).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " is not a valid code");
        }
        return value;
    }

    static String search(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 100 || value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "q", "q must be at most 100 printable characters");
        }
        return value.trim();
    }

    static <T> T body(T value) {
        if (value == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        return value;
    }
}
