package vn.lgsp.hub.registry;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

/** A retired system is kept for the record and no longer changes. */
final class SystemGuard {

    private SystemGuard() {
    }

    static InformationSystem changeable(InformationSystem system) {
        if (system.status() == SystemStatus.RETIRED) {
            throw ProblemException.field(ErrorCode.INVALID_TRANSITION, "systemCode", "a retired system cannot be changed");
        }
        return system;
    }
}
