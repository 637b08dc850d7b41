package vn.lgsp.hub.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.api.Page;
import vn.lgsp.hub.api.Paging;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Queries the audit trail for the API and the console alike: operators and admins read all of
 * it, owners the entries about their organisation's systems. The filters come as the user gave
 * them and are checked here, so both refuse the same input with the same problem.
 */
@ApplicationScoped
public class AuditSearch {

    private static final Pattern ACTION = Pattern.compile("^[a-z][a-z_.]{0,63}$");

    @Inject
    Pool pool;
    @Inject
    Caller caller;
    @Inject
    Audits audits;

    /** Entries by system, actor, action, outcome, transaction id and time ({@code from} inclusive, {@code to} exclusive), newest first. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    public Uni<Page<AuditEntry>> search(String system, String actor, String action, String outcome, String from, String to,
                                        String transactionId, String page, String size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (!caller.isAdmin() && !caller.is(Roles.OPERATOR)) {
            String org = caller.org();
            if (org == null) {
                audits.denied(null, "audit", ErrorCode.FORBIDDEN.code(), "owner token without organisation");
                throw new ProblemException(ErrorCode.FORBIDDEN, "the token names no organisation");
            }
            params.add(org);
            where.append(" AND owner_org = $").append(params.size());
        }
        if (system != null && !system.isBlank()) {
            String code = system.strip().toLowerCase(Locale.ROOT);
            if (code.length() > 63 || !FieldChecks.SLUG.matcher(code).matches()) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "system", "system is not a valid code");
            }
            params.add(code);
            where.append(" AND system_code = $").append(params.size());
        }
        if (actor != null && !actor.isBlank()) {
            if (actor.length() > 255 || actor.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "actor", "actor must be at most 255 printable characters");
            }
            params.add(actor);
            where.append(" AND actor = $").append(params.size());
        }
        if (action != null && !action.isBlank()) {
            if (!ACTION.matcher(action).matches()) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "action", "action looks like system.updated or access.denied");
            }
            params.add(action);
            where.append(" AND action = $").append(params.size());
        }
        if (outcome != null && !outcome.isBlank()) {
            if (!outcome.equals("done") && !outcome.equals("denied")) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "outcome", "outcome must be done or denied");
            }
            params.add(outcome);
            where.append(" AND outcome = $").append(params.size());
        }
        if (transactionId != null && !transactionId.isBlank()) {
            // Calls refused before routing (unknown provider, no grant...) are found here by their id.
            String id = transactionId.strip();
            if (!TransactionIds.isValid(id)) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "transactionId", "not a transaction id");
            }
            params.add(id);
            where.append(" AND transaction_id = $").append(params.size());
        }
        if (from != null && !from.isBlank()) {
            params.add(time("from", from));
            where.append(" AND occurred_at >= $").append(params.size());
        }
        if (to != null && !to.isBlank()) {
            params.add(time("to", to));
            where.append(" AND occurred_at < $").append(params.size());
        }
        Paging paging = Paging.of(page, size, 50, 200);
        Tuple countParams = Tuple.from(params);
        params.add(paging.size());
        params.add(paging.offset());
        return pool.preparedQuery("SELECT count(*) FROM audit_log" + where).execute(countParams)
                .flatMap(count -> pool.preparedQuery("SELECT " + AuditLog.COLUMNS + " FROM audit_log" + where + " ORDER BY seq DESC LIMIT $"
                                + (params.size() - 1) + " OFFSET $" + params.size()).execute(Tuple.from(params))
                        .map(rows -> {
                            List<AuditEntry> items = new ArrayList<>(rows.size());
                            rows.forEach(row -> items.add(AuditLog.map(row)));
                            return new Page<>(items, paging.page(), paging.size(), count.iterator().next().getLong(0));
                        }));
    }

    private static OffsetDateTime time(String name, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be an ISO-8601 date-time with offset");
        }
    }
}
