package vn.lgsp.hub.compat;

import java.time.Instant;

/**
 * Which conventions of today's LGSPs a consumer system may call the hub by. Every convention is
 * off until an admin enables it. {@code partnerCode} is the agency code an lgspaccesstoken must
 * name; {@code financeCode} the code the system sends as {@code SENDER_CODE} and is addressed by
 * as {@code RECEIVER_CODE} (null: its system code).
 */
public record CompatProfile(String systemCode, boolean lgspAccessToken, boolean wso2, boolean financeHeaders, boolean envelope,
                            String partnerCode, String financeCode, String updatedBy, Instant updatedAt) {

    /** The profile of a system nobody configured: everything off. */
    static CompatProfile none(String systemCode) {
        return new CompatProfile(systemCode, false, false, false, false, null, null, null, null);
    }

    /** The conventions enabled, by their technical names (the same in every language), for people to read. */
    public java.util.List<String> enabled() {
        java.util.List<String> names = new java.util.ArrayList<>(4);
        if (lgspAccessToken) {
            names.add("lgspaccesstoken (PartnerCode " + partnerCode + ")");
        }
        if (wso2) {
            names.add("WSO2 /token, /{context}/{version}");
        }
        if (financeHeaders) {
            names.add("SENDER_CODE " + senderCode() + ", RECEIVER_CODE, TRAN_CODE");
        }
        if (envelope) {
            names.add("error_code envelope");
        }
        return names;
    }

    /** The code this system is known by in finance-sector headers. */
    public String senderCode() {
        return financeCode != null ? financeCode : systemCode;
    }
}
