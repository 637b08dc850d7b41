package vn.lgsp.hub.security;

import vn.lgsp.hub.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.audit.Audits;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.Objects;

/** Tenant isolation: owners act only on their organisation's systems; some fields and actions are admins' alone. */
@ApplicationScoped
public class SystemAccess {

    @Inject
    Caller caller;
    @Inject
    Audits audits;

    /** Passes if the caller manages the system (admin, or owner of its organisation); otherwise 403, audited. */
    public void requireManage(String systemCode, String ownerOrg, String what) {
        if (!caller.manages(ownerOrg)) {
            throw deny(systemCode, what, "the system belongs to another organisation");
        }
    }

    public void requireAdmin(String systemCode, String what) {
        if (!caller.isAdmin()) {
            throw deny(systemCode, what, "only an admin may " + what);
        }
    }

    /** An admin-only field: others may repeat its current value (or omit it) but not change it. */
    public void adminOnlyField(String systemCode, String field, Object requested, Object current) {
        if (requested != null && !caller.isAdmin() && !Objects.equals(requested, current)) {
            throw deny(systemCode, field, "only an admin may set " + field);
        }
    }

    public ProblemException deny(String systemCode, String what, String detail) {
        audits.denied(systemCode, what, ErrorCode.FORBIDDEN.code(), detail);
        return new ProblemException(ErrorCode.FORBIDDEN, detail);
    }
}
