package vn.lgsp.hub.compat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Compatibility profiles and addresses in PostgreSQL. */
@ApplicationScoped
public class CompatRepository {

    private static final String PROFILE = "SELECT s.code, p.lgsp_access_token, p.wso2, p.finance_headers, p.envelope, p.partner_code, "
            + "p.finance_code, p.updated_by, p.updated_at, s.client_id FROM compat_profile p JOIN information_system s ON s.id = p.system_id ";
    private static final String ADDRESS = "SELECT s.code, a.service_code, a.context, a.tran_code, a.updated_by, a.updated_at "
            + "FROM compat_address a JOIN information_system s ON s.id = a.system_id ";

    /** A profile and the OAuth2 client of its system, as the directory holds them. */
    record Loaded(CompatProfile profile, String clientId) {
    }

    Uni<CompatProfile> profile(SqlClient db, String systemCode) {
        return db.preparedQuery(PROFILE + "WHERE s.code = $1").execute(Tuple.of(systemCode))
                .map(rows -> rows.size() == 0 ? CompatProfile.none(systemCode) : profile(rows.iterator().next()));
    }

    Uni<List<Loaded>> allProfiles(SqlClient db) {
        return db.query(PROFILE).execute().map(rows -> {
            List<Loaded> all = new ArrayList<>(rows.size());
            rows.forEach(row -> all.add(new Loaded(profile(row), row.getString(9))));
            return all;
        });
    }

    Uni<CompatProfile> saveProfile(SqlClient db, UUID systemId, String systemCode, CompatProfileInput in, String actor) {
        return db.preparedQuery("INSERT INTO compat_profile (system_id, lgsp_access_token, wso2, finance_headers, envelope, partner_code, "
                        + "finance_code, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT (system_id) DO UPDATE SET "
                        + "lgsp_access_token = $2, wso2 = $3, finance_headers = $4, envelope = $5, partner_code = $6, finance_code = $7, "
                        + "updated_by = $8, updated_at = now()")
                .execute(Tuple.from(Arrays.asList(systemId, CompatProfileInput.on(in.lgspAccessToken()), CompatProfileInput.on(in.wso2()),
                        CompatProfileInput.on(in.financeHeaders()), CompatProfileInput.on(in.envelope()), in.partnerCode(), in.financeCode(),
                        actor)))
                .onFailure(PgException.class).transform(e -> taken((PgException) e, "financeCode", "another system has this finance code"))
                .flatMap(done -> profile(db, systemCode));
    }

    Uni<List<CompatAddress>> addresses(SqlClient db, String systemCode) {
        return db.preparedQuery(ADDRESS + "WHERE s.code = $1 ORDER BY a.service_code").execute(Tuple.of(systemCode)).map(CompatRepository::addresses);
    }

    Uni<List<CompatAddress>> allAddresses(SqlClient db) {
        return db.query(ADDRESS).execute().map(CompatRepository::addresses);
    }

    Uni<CompatAddress> address(SqlClient db, String systemCode, String serviceCode) {
        return db.preparedQuery(ADDRESS + "WHERE s.code = $1 AND a.service_code = $2").execute(Tuple.of(systemCode, serviceCode))
                .map(rows -> rows.size() == 0 ? null : address(rows.iterator().next()));
    }

    Uni<CompatAddress> saveAddress(SqlClient db, UUID systemId, String systemCode, String serviceCode, CompatAddressInput in, String actor) {
        return db.preparedQuery("INSERT INTO compat_address (system_id, service_code, context, tran_code, updated_by, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (system_id, service_code) DO UPDATE SET context = $3, tran_code = $4, "
                        + "updated_by = $5, updated_at = now()")
                .execute(Tuple.from(Arrays.asList(systemId, serviceCode, in.context(), in.tranCode(), actor)))
                .onFailure(PgException.class).transform(e -> taken((PgException) e,
                        String.valueOf(((PgException) e).getConstraint()).contains("tran_code") ? "tranCode" : "context",
                        "another service already has this address"))
                .flatMap(done -> address(db, systemCode, serviceCode));
    }

    Uni<Boolean> deleteAddress(SqlClient db, UUID systemId, String serviceCode) {
        return db.preparedQuery("DELETE FROM compat_address WHERE system_id = $1 AND service_code = $2").execute(Tuple.of(systemId, serviceCode))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Throwable taken(PgException e, String field, String detail) {
        return "23505".equals(e.getSqlState()) ? ProblemException.field(ErrorCode.ADDRESS_TAKEN, field, detail) : e;
    }

    private static CompatProfile profile(Row row) {
        return new CompatProfile(row.getString(0), row.getBoolean(1), row.getBoolean(2), row.getBoolean(3), row.getBoolean(4), row.getString(5),
                row.getString(6), row.getString(7), instant(row.getOffsetDateTime(8)));
    }

    private static List<CompatAddress> addresses(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<CompatAddress> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(address(row)));
        return all;
    }

    private static CompatAddress address(Row row) {
        return new CompatAddress(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                instant(row.getOffsetDateTime(5)));
    }

    private static java.time.Instant instant(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
