package vn.lgsp.hub.compat;

import vn.lgsp.hub.problem.FieldChecks;

import java.util.regex.Pattern;

/** An admin's settings of a consumer system's compatibility profile; an omitted switch is off. */
public record CompatProfileInput(Boolean lgspAccessToken, Boolean wso2, Boolean financeHeaders, Boolean envelope,
                                 String partnerCode, String financeCode) {

    /** Agency codes as the national directory writes them, e.g. {@code 0.0.H30} or {@code 000.00.00.H30}. */
    static final Pattern AGENCY_CODE = Pattern.compile("^[A-Za-z0-9]+(\\.[A-Za-z0-9]+){0,5}$");
    static final Pattern FINANCE_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$");

    void check(FieldChecks checks) {
        if (partnerCode != null && (partnerCode.length() > 40 || !AGENCY_CODE.matcher(partnerCode).matches())) {
            checks.add("partnerCode", "invalid-format", "partnerCode must be an agency code such as 0.0.H30");
        }
        checks.matches("financeCode", financeCode, FINANCE_CODE, "invalid-format",
                "financeCode must be 1 to 40 letters, digits, '.', '_' or '-'");
        if (on(lgspAccessToken) && partnerCode == null) {
            checks.add("partnerCode", "required", "an lgspaccesstoken names its agency: set partnerCode to enable lgspAccessToken");
        }
    }

    static boolean on(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
