package vn.lgsp.hub.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every field error of one request before answering, so a caller fixes them all at
 * once. Messages never repeat the submitted value (it may be hostile or personal).
 */
public final class FieldChecks {

    public static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}$");
    private static final Pattern PHONE = Pattern.compile("^[+0-9 ().-]{6,24}$");

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * The same rule as {@link #SLUG} (at most 63 characters), without a regex: it runs on every
     * sharing request.
     */
    public static boolean isSlug(String value) {
        int n = value == null ? 0 : value.length();
        if (n == 0 || n > 63) {
            return false;
        }
        char first = value.charAt(0);
        if (first < 'a' || first > 'z' || value.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && value.charAt(i - 1) != '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public boolean required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, "required", field + " is required");
            return false;
        }
        return true;
    }

    /** Required text of at most {@code max} characters, free of control characters. */
    public void text(String field, String value, int max) {
        if (required(field, value)) {
            optionalText(field, value, max);
        }
    }

    public void optionalText(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            add(field, "too-long", field + " must be at most " + max + " characters");
        } else if (hasControlCharacters(value)) {
            add(field, "control-characters", field + " must not contain control characters");
        }
    }

    /** Multi-line text: newlines and tabs allowed, other control characters not. */
    public void optionalLongText(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            add(field, "too-long", field + " must be at most " + max + " characters");
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            add(field, "control-characters", field + " must not contain control characters");
        }
    }

    public void slug(String field, String value) {
        if (required(field, value)) {
            if (value.length() > 63 || !SLUG.matcher(value).matches()) {
                add(field, "invalid-code", field + " must be a lowercase slug: a-z, 0-9 and single hyphens, starting with a letter, at most 63 characters");
            }
        }
    }

    public void optionalEmail(String field, String value) {
        if (value != null && !EMAIL.matcher(value).matches()) {
            add(field, "invalid-email", field + " must be an e-mail address");
        }
    }

    public void optionalPhone(String field, String value) {
        if (value != null && !PHONE.matcher(value).matches()) {
            add(field, "invalid-phone", field + " must be a phone number (digits, spaces, + ( ) . -)");
        }
    }

    public void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "out-of-range", field + " must be between " + min + " and " + max);
        }
    }

    public void matches(String field, String value, Pattern pattern, String code, String message) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(field, code, message);
        }
    }

    public void add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    public void addAll(List<FieldError> more) {
        errors.addAll(more);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws the collected errors as one 400 problem, if there are any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }
}
