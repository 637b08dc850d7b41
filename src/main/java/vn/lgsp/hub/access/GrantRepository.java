package vn.lgsp.hub.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.api.Page;
import vn.lgsp.hub.api.Paging;
import vn.lgsp.hub.api.PgErrors;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Stores access grants. An active grant past its expiry reads as expired (and is marked so by {@link GrantExpiry}). */
@ApplicationScoped
public class GrantRepository {

    private static final String SELECT = "SELECT g.id, c.code AS consumer_code, p.code AS provider_code, g.service_code, g.purpose, "
            + "CASE WHEN g.status = 'active' AND g.expires_at <= now() THEN 'expired' ELSE g.status END AS status, "
            + "g.allowed_paths, g.requests_per_second, g.requests_per_day, g.expires_at, g.created_at, g.requested_by, "
            + "g.decided_by, g.decided_at, g.decision_reason, g.revoked_at, g.revoked_by, g.revoked_reason, g.version, "
            + "c.owner_org AS consumer_org, p.owner_org AS provider_org FROM access_grant g "
            + "JOIN information_system c ON c.id = g.consumer_system_id JOIN information_system p ON p.id = g.provider_system_id ";

    /** Inserts a grant: {@code active} when an admin grants it, {@code requested} when an owner asks. */
    public Uni<Grant> insert(SqlClient db, UUID consumerId, UUID providerId, GrantInput in, GrantStatus status, String actor) {
        UUID id = UUID.randomUUID();
        boolean decided = status == GrantStatus.ACTIVE;
        return db.preparedQuery("INSERT INTO access_grant (id, consumer_system_id, provider_system_id, service_code, purpose, "
                        + "status, expires_at, created_at, version, requested_by, decided_by, decided_at, allowed_paths, "
                        + "requests_per_second, requests_per_day) VALUES ($1, $2, $3, $4, $5, $6, $7, now(), 1, $8, $9, "
                        + "CASE WHEN $9::text IS NULL THEN NULL ELSE now() END, $10, $11, $12)")
                .execute(Tuple.from(Arrays.asList(id, consumerId, providerId, in.serviceCode(), in.purpose(), status.wire(),
                        in.expiresAt(), actor, decided ? actor : null,
                        in.allowedPaths() == null ? null : in.allowedPaths().toArray(new String[0]),
                        in.requestsPerSecond(), in.requestsPerDay())))
                .onFailure().transform(failure -> PgErrors.violates(failure, PgErrors.UNIQUE_VIOLATION, "access_grant_one_open")
                        ? ProblemException.field(ErrorCode.DUPLICATE_GRANT, "serviceCode", "the consumer already holds an open grant for this service")
                        : failure)
                .flatMap(done -> get(db, id));
    }

    public Uni<Grant> get(SqlClient db, UUID id) {
        return db.preparedQuery(SELECT + "WHERE g.id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.field(ErrorCode.GRANT_NOT_FOUND, "grantId", "no access grant with this id");
            }
            return map(rows.iterator().next());
        });
    }

    /** Approves or rejects a requested grant. */
    public Uni<Grant> decide(SqlClient db, UUID id, GrantStatus to, String actor, String reason) {
        return db.preparedQuery("UPDATE access_grant SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, "
                        + "version = version + 1 WHERE id = $1 AND status = 'requested'")
                .execute(Tuple.of(id, to.wire(), actor, reason))
                .flatMap(rows -> get(db, id).map(grant -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.field(ErrorCode.INVALID_TRANSITION, "status", "only a requested grant can be approved or rejected");
                    }
                    return grant;
                }));
    }

    public Uni<Grant> revoke(SqlClient db, UUID id, String actor, String reason) {
        return db.preparedQuery("UPDATE access_grant SET status = 'revoked', revoked_at = now(), revoked_by = $2, revoked_reason = $3, "
                        + "version = version + 1 WHERE id = $1 AND status IN ('active', 'requested')")
                .execute(Tuple.of(id, actor, reason))
                .flatMap(rows -> get(db, id).map(grant -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.field(ErrorCode.INVALID_TRANSITION, "status", "the grant is not active or requested");
                    }
                    return grant;
                }));
    }

    /** Lists grants; {@code org}, when given, limits to grants whose consumer or provider that organisation owns. */
    public Uni<Page<Grant>> list(SqlClient db, String consumer, String provider, GrantStatus status, String org, Paging paging) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE true");
        if (consumer != null) {
            params.add(consumer);
            where.append(" AND c.code = $").append(params.size());
        }
        if (provider != null) {
            params.add(provider);
            where.append(" AND p.code = $").append(params.size());
        }
        if (status != null) {
            params.add(status.wire());
            where.append(" AND (CASE WHEN g.status = 'active' AND g.expires_at <= now() THEN 'expired' ELSE g.status END) = $")
                    .append(params.size());
        }
        if (org != null) {
            params.add(org);
            where.append(" AND (c.owner_org = $").append(params.size()).append(" OR p.owner_org = $").append(params.size()).append(")");
        }
        Tuple countParams = Tuple.from(params);
        params.add(paging.size());
        params.add(paging.offset());
        String count = "SELECT count(*) FROM access_grant g JOIN information_system c ON c.id = g.consumer_system_id "
                + "JOIN information_system p ON p.id = g.provider_system_id " + where;
        return db.preparedQuery(count).execute(countParams)
                .flatMap(total -> db.preparedQuery(SELECT + where + " ORDER BY g.created_at, g.id LIMIT $" + (params.size() - 1)
                                + " OFFSET $" + params.size()).execute(Tuple.from(params))
                        .map(rows -> {
                            List<Grant> items = new ArrayList<>(rows.size());
                            rows.forEach(row -> items.add(map(row)));
                            return new Page<>(items, paging.page(), paging.size(), total.iterator().next().getLong(0));
                        }));
    }

    /** Every grant that can still let a call through, for the in-memory check. */
    public Uni<List<Grant>> active(SqlClient db) {
        return db.query(SELECT + "WHERE g.status = 'active' AND (g.expires_at IS NULL OR g.expires_at > now())").execute()
                .map(rows -> {
                    List<Grant> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(map(row)));
                    return items;
                });
    }

    /** Marks active grants past their expiry as expired; returns them. */
    public Uni<List<Grant>> expire(SqlClient db) {
        return db.query("UPDATE access_grant SET status = 'expired', version = version + 1 "
                        + "WHERE status = 'active' AND expires_at <= now() RETURNING id").execute()
                .flatMap(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Grant>of());
                    }
                    return db.preparedQuery(SELECT + "WHERE g.id = ANY($1)").execute(Tuple.of(ids.toArray(new UUID[0])))
                            .map(found -> {
                                List<Grant> items = new ArrayList<>();
                                found.forEach(row -> items.add(map(row)));
                                return items;
                            });
                });
    }

    private static Grant map(Row row) {
        String[] paths = row.getArrayOfStrings("allowed_paths");
        return new Grant(row.getUUID("id"), row.getString("consumer_code"), row.getString("provider_code"),
                row.getString("service_code"), row.getString("purpose"), GrantStatus.fromWire(row.getString("status")),
                paths == null ? null : List.of(paths), row.getInteger("requests_per_second"), row.getInteger("requests_per_day"),
                row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("created_at"), row.getString("requested_by"),
                row.getString("decided_by"), row.getOffsetDateTime("decided_at"), row.getString("decision_reason"),
                row.getOffsetDateTime("revoked_at"), row.getString("revoked_by"), row.getString("revoked_reason"),
                row.getInteger("version"), row.getString("consumer_org"), row.getString("provider_org"));
    }
}
