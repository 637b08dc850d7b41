package vn.lgsp.hub.registry;

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
import java.util.List;
import java.util.UUID;

/** Stores information systems. Every method runs on the caller's connection or transaction. */
@ApplicationScoped
public class SystemRepository {

    private static final String COLUMNS = "id, code, name_vi, name_en, owning_agency, scope, security_level, "
            + "contact_name, contact_email, contact_phone, description, catalogue_id, owner_org, client_id, status, status_changed_at, "
            + "version, created_at, updated_at";

    public Uni<InformationSystem> find(SqlClient db, String code) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM information_system WHERE code = $1")
                .execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** Like {@link #find} but a missing system is a 404 problem. */
    public Uni<InformationSystem> get(SqlClient db, String code) {
        return find(db, code).map(system -> {
            if (system == null) {
                throw ProblemException.field(ErrorCode.SYSTEM_NOT_FOUND, "systemCode", "no information system with this code");
            }
            return system;
        });
    }

    public Uni<InformationSystem> insert(SqlClient db, SystemInput in, String ownerOrg, String clientId) {
        Tuple values = Tuple.tuple()
                .addUUID(UUID.randomUUID()).addString(in.code()).addString(in.nameVi()).addString(in.nameEn())
                .addString(in.owningAgency()).addString(in.scope().wire()).addInteger(in.securityLevel())
                .addString(contact(in).name()).addString(contact(in).email()).addString(contact(in).phone())
                .addString(in.description()).addString(in.catalogueId()).addString(ownerOrg).addString(clientId);
        return db.preparedQuery("INSERT INTO information_system (id, code, name_vi, name_en, owning_agency, scope, "
                        + "security_level, contact_name, contact_email, contact_phone, description, catalogue_id, owner_org, client_id, "
                        + "status, status_changed_at, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                        + "$11, $12, $13, $14, 'draft', now(), 1, now(), now()) RETURNING " + COLUMNS)
                .execute(values)
                .map(rows -> map(rows.iterator().next()))
                .onFailure().transform(SystemRepository::translate);
    }

    /** Updates the editable fields if the stored version is {@code expectedVersion}. */
    public Uni<InformationSystem> update(SqlClient db, String code, int expectedVersion, SystemInput in, String ownerOrg, String clientId) {
        Tuple values = Tuple.tuple()
                .addString(code).addInteger(expectedVersion).addString(in.nameVi()).addString(in.nameEn())
                .addString(in.owningAgency()).addString(in.scope().wire()).addInteger(in.securityLevel())
                .addString(contact(in).name()).addString(contact(in).email()).addString(contact(in).phone())
                .addString(in.description()).addString(in.catalogueId()).addString(ownerOrg).addString(clientId);
        return db.preparedQuery("UPDATE information_system SET name_vi = $3, name_en = $4, owning_agency = $5, scope = $6, "
                        + "security_level = $7, contact_name = $8, contact_email = $9, contact_phone = $10, description = $11, "
                        + "catalogue_id = $12, owner_org = $13, client_id = $14, version = version + 1, updated_at = now() "
                        + "WHERE code = $1 AND version = $2 RETURNING " + COLUMNS)
                .execute(values)
                .onFailure().transform(SystemRepository::translate)
                .flatMap(rows -> rows.size() == 1 ? Uni.createFrom().item(map(rows.iterator().next()))
                        : conflictOrMissing(db, code));
    }

    public Uni<InformationSystem> changeStatus(SqlClient db, String code, int expectedVersion, SystemStatus status) {
        return db.preparedQuery("UPDATE information_system SET status = $3, status_changed_at = now(), version = version + 1, "
                        + "updated_at = now() WHERE code = $1 AND version = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(code, expectedVersion, status.wire()))
                .flatMap(rows -> rows.size() == 1 ? Uni.createFrom().item(map(rows.iterator().next()))
                        : conflictOrMissing(db, code));
    }

    /** Marks the system changed (a child resource changed) so its ETag moves. */
    public Uni<Void> touch(SqlClient db, UUID id) {
        return db.preparedQuery("UPDATE information_system SET updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Page<InformationSystem>> list(SqlClient db, Scope scope, SystemStatus status, String query, Paging paging) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (scope != null) {
            params.add(scope.wire());
            where.append(" AND scope = $").append(params.size());
        }
        if (status != null) {
            params.add(status.wire());
            where.append(" AND status = $").append(params.size());
        }
        if (query != null) {
            params.add("%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            int n = params.size();
            where.append(" AND (code ILIKE $").append(n).append(" OR name_vi ILIKE $").append(n)
                    .append(" OR name_en ILIKE $").append(n).append(" OR owning_agency ILIKE $").append(n).append(")");
        }
        Tuple countParams = Tuple.from(params);
        params.add(paging.size());
        params.add(paging.offset());
        String pageSql = "SELECT " + COLUMNS + " FROM information_system" + where
                + " ORDER BY code LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size();
        return db.preparedQuery("SELECT count(*) FROM information_system" + where).execute(countParams)
                .flatMap(count -> db.preparedQuery(pageSql).execute(Tuple.from(params))
                        .map(rows -> {
                            List<InformationSystem> items = new ArrayList<>(rows.size());
                            rows.forEach(row -> items.add(map(row)));
                            return new Page<>(items, paging.page(), paging.size(), count.iterator().next().getLong(0));
                        }));
    }

    private <T> Uni<T> conflictOrMissing(SqlClient db, String code) {
        return get(db, code).map(current -> {
            throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match",
                    "the system changed since you read it; read it again (current ETag \"" + current.version() + "\")");
        });
    }

    private static Contact contact(SystemInput in) {
        return in.contact() == null ? new Contact(null, null, null) : in.contact();
    }

    static Throwable translate(Throwable failure) {
        if (PgErrors.violates(failure, PgErrors.UNIQUE_VIOLATION, "information_system_code_key")) {
            return ProblemException.field(ErrorCode.DUPLICATE_SYSTEM, "code", "an information system with this code is already registered");
        }
        if (PgErrors.violates(failure, PgErrors.UNIQUE_VIOLATION, "information_system_client_id_key")) {
            return ProblemException.field(ErrorCode.CLIENT_ID_TAKEN, "clientId", "another system is already mapped to this client id");
        }
        if (PgErrors.violates(failure, PgErrors.UNIQUE_VIOLATION, "information_system_catalogue_id_key")) {
            return ProblemException.field(ErrorCode.CATALOGUE_ENTRY_TAKEN, "catalogueId", "another system is already linked to this catalogue entry");
        }
        if (PgErrors.violates(failure, PgErrors.FOREIGN_KEY_VIOLATION, "information_system_catalogue_id_fkey")) {
            return ProblemException.field(ErrorCode.UNKNOWN_CATALOGUE_ENTRY, "catalogueId", "no catalogue entry has this id");
        }
        return failure;
    }

    static InformationSystem map(Row row) {
        String name = row.getString("contact_name");
        String email = row.getString("contact_email");
        String phone = row.getString("contact_phone");
        Contact contact = name == null && email == null && phone == null ? null : new Contact(name, email, phone);
        return new InformationSystem(
                row.getUUID("id"), row.getString("code"), row.getString("name_vi"), row.getString("name_en"),
                row.getString("owning_agency"), Scope.fromWire(row.getString("scope")), row.getInteger("security_level"),
                contact, row.getString("description"), row.getString("catalogue_id"), row.getString("owner_org"),
                row.getString("client_id"),
                SystemStatus.fromWire(row.getString("status")), row.getOffsetDateTime("status_changed_at"),
                row.getInteger("version"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
