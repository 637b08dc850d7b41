package vn.lgsp.hub.registry;

import vn.lgsp.hub.problem.FieldChecks;

/** Who to call about a system (its technical contact). */
public record Contact(String name, String email, String phone) {

    void check(FieldChecks checks) {
        checks.optionalText("contact.name", name, 200);
        checks.optionalEmail("contact.email", email);
        checks.optionalPhone("contact.phone", phone);
    }
}
