package vn.lgsp.hub.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.audit.Audits;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Historical totals of providers from before the hub, kept in the rollups (at the hour, and day,
 * their period starts) and marked as imported. An import is idempotent under its id, never
 * overlaps another live import of the same provider, names a registered or listed provider, is
 * audited, and can be withdrawn by an admin (kept and marked, its totals taken out again).
 */
@ApplicationScoped
public class HistoricalImports {

    /** An import as the API shows it; {@code withdrawnAt} null while it counts. */
    public record Import(String id, String provider, OffsetDateTime from, OffsetDateTime to, long transactions, long failures,
                         String note, OffsetDateTime importedAt, String importedBy, OffsetDateTime withdrawnAt, String withdrawnBy,
                         String withdrawReason) {
    }

    /** The import and whether this call created it (false: the same import was sent again). */
    public record Outcome(Import value, boolean created) {
    }

    private static final String COLUMNS = "import_id, provider_code, period_start, period_end, transactions, failures, note, imported_at, "
            + "imported_by, withdrawn_at, withdrawn_by, withdraw_reason";

    @Inject
    Pool pool;
    @Inject
    ReportConfig config;
    @Inject
    Audits audits;

    public Uni<Outcome> add(ImportInput input, String actor) {
        String id = input.importId() != null ? input.importId() : UUID.randomUUID().toString();
        long failures = input.failures() == null ? 0 : input.failures();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('lgsp-import:' || $1))")
                .execute(Tuple.of(input.provider()))
                .flatMap(locked -> find(tx, id))
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(new Outcome(sameImport(existing, input, failures), false));
                    }
                    return requireKnownProvider(tx, input.provider())
                            .flatMap(v -> requireNoOverlap(tx, input))
                            .flatMap(v -> insert(tx, id, input, failures, actor))
                            .call(created -> audits.change(tx, "ledger.import.added", input.provider(), "ledger/imports/" + id, null, created))
                            .map(created -> new Outcome(created, true));
                }));
    }

    public Uni<Import> withdraw(String id, String reason, String actor) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + COLUMNS + " FROM ledger_import WHERE import_id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw notFound(id);
                    }
                    Import current = map(rows.iterator().next());
                    if (current.withdrawnAt() != null) {
                        throw ProblemException.field(ErrorCode.INVALID_TRANSITION, "id", "this import was withdrawn already, on "
                                + current.withdrawnAt());
                    }
                    Instant hour = current.from().toInstant().truncatedTo(ChronoUnit.HOURS);
                    return subtract(tx, "ledger_hourly", "hour", hour.atOffset(ZoneOffset.UTC), current)
                            .flatMap(v -> subtract(tx, "ledger_daily", "day", LocalDate.ofInstant(hour, config.timeZone()), current))
                            .flatMap(v -> tx.preparedQuery("UPDATE ledger_import SET withdrawn_at = now(), withdrawn_by = $2, "
                                            + "withdraw_reason = $3 WHERE import_id = $1 RETURNING " + COLUMNS)
                                    .execute(Tuple.of(id, actor, reason)))
                            .map(updated -> map(updated.iterator().next()))
                            .call(withdrawn -> audits.change(tx, "ledger.import.withdrawn", current.provider(), "ledger/imports/" + id,
                                    current, withdrawn));
                }));
    }

    public Uni<Import> get(String id) {
        return pool.withConnection(db -> find(db, id)).map(found -> {
            if (found == null) {
                throw notFound(id);
            }
            return found;
        });
    }

    /** Newest first; {@code provider} null for every provider. */
    public Uni<List<Import>> list(String provider, boolean includeWithdrawn, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_import WHERE ($1::text IS NULL OR provider_code = $1)"
                        + (includeWithdrawn ? "" : " AND withdrawn_at IS NULL") + " ORDER BY imported_at DESC, import_id LIMIT $2")
                .execute(Tuple.of(provider, limit))
                .map(rows -> {
                    List<Import> out = new ArrayList<>();
                    rows.forEach(row -> out.add(map(row)));
                    return out;
                });
    }

    /** The same id again: the same import if it says the same, else a conflict (never counted twice). */
    private static Import sameImport(Import existing, ImportInput input, long failures) {
        boolean same = existing.provider().equals(input.provider()) && existing.from().toInstant().equals(input.from().toInstant())
                && existing.to().toInstant().equals(input.to().toInstant()) && existing.transactions() == input.transactions()
                && existing.failures() == failures && Objects.equals(existing.note(), input.note());
        if (!same) {
            throw ProblemException.field(ErrorCode.IMPORT_CONFLICT, "importId", "an import with this id exists with other content; "
                    + "give a new id for another import");
        }
        if (existing.withdrawnAt() != null) {
            throw ProblemException.field(ErrorCode.IMPORT_CONFLICT, "importId", "the import with this id was withdrawn; "
                    + "give a new id to import it again");
        }
        return existing;
    }

    private static Uni<Void> requireKnownProvider(SqlConnection tx, String provider) {
        return tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM information_system WHERE code = $1) "
                        + "OR EXISTS (SELECT 1 FROM catalogue_entry WHERE id = $1) AS known")
                .execute(Tuple.of(provider))
                .map(rows -> {
                    if (!rows.iterator().next().getBoolean("known")) {
                        throw ProblemException.field(ErrorCode.UNKNOWN_SYSTEM, "provider",
                                "no registered system has this code and no listed system this catalogue id");
                    }
                    return null;
                });
    }

    private static Uni<Void> requireNoOverlap(SqlConnection tx, ImportInput input) {
        return tx.preparedQuery("SELECT import_id, period_start, period_end FROM ledger_import WHERE provider_code = $1 "
                        + "AND withdrawn_at IS NULL AND period_start < $3 AND period_end > $2 ORDER BY period_start LIMIT 1")
                .execute(Tuple.of(input.provider(), input.from(), input.to()))
                .map(rows -> {
                    if (rows.iterator().hasNext()) {
                        Row other = rows.iterator().next();
                        throw ProblemException.field(ErrorCode.IMPORT_OVERLAPS, "from", "import " + other.getString("import_id")
                                + " of this provider already covers " + other.getOffsetDateTime("period_start") + " to "
                                + other.getOffsetDateTime("period_end") + "; withdraw it first to replace it");
                    }
                    return null;
                });
    }

    private Uni<Import> insert(SqlConnection tx, String id, ImportInput input, long failures, String actor) {
        Instant hour = input.from().toInstant().truncatedTo(ChronoUnit.HOURS);
        return tx.preparedQuery("INSERT INTO ledger_import (id, import_id, provider_code, period_start, period_end, transactions, "
                        + "failures, note, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9) RETURNING " + COLUMNS)
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(id).addString(input.provider()).addOffsetDateTime(input.from())
                        .addOffsetDateTime(input.to()).addLong(input.transactions()).addLong(failures).addString(input.note())
                        .addString(actor))
                .map(rows -> map(rows.iterator().next()))
                .call(created -> add(tx, "ledger_hourly", "hour", hour.atOffset(ZoneOffset.UTC), created))
                .call(created -> add(tx, "ledger_daily", "day", LocalDate.ofInstant(hour, config.timeZone()), created));
    }

    /** Imported totals sit in the rollups with no consumer or status breakdown. */
    private static Uni<Void> add(SqlConnection tx, String table, String periodColumn, Object period, Import imported) {
        return tx.preparedQuery("INSERT INTO " + table + " (" + periodColumn + ", provider_code, consumer_code, service_code, "
                        + "status_class, imported, transactions, failures, duration_us_sum, duration_us_max, request_bytes, "
                        + "response_bytes, latency_buckets) VALUES ($1, $2, '', '', 0, true, $3, $4, 0, 0, 0, 0, '{}') "
                        + "ON CONFLICT (" + periodColumn + ", provider_code, consumer_code, service_code, status_class, imported, slot) "
                        + "DO UPDATE SET transactions = " + table + ".transactions + EXCLUDED.transactions, "
                        + "failures = " + table + ".failures + EXCLUDED.failures")
                .execute(Tuple.of(period, imported.provider(), imported.transactions(), imported.failures()))
                .replaceWithVoid();
    }

    private static Uni<Void> subtract(SqlConnection tx, String table, String periodColumn, Object period, Import imported) {
        return tx.preparedQuery("UPDATE " + table + " SET transactions = transactions - $3, failures = failures - $4 WHERE "
                        + periodColumn + " = $1 AND provider_code = $2 AND consumer_code = '' AND service_code = '' AND status_class = 0 "
                        + "AND imported AND slot = 0")
                .execute(Tuple.of(period, imported.provider(), imported.transactions(), imported.failures()))
                .replaceWithVoid();
    }

    private static Uni<Import> find(SqlClient db, String id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM ledger_import WHERE import_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    private static ProblemException notFound(String id) {
        return ProblemException.field(ErrorCode.IMPORT_NOT_FOUND, "id", "no import has the id " + id);
    }

    private static Import map(Row row) {
        return new Import(row.getString("import_id"), row.getString("provider_code"), row.getOffsetDateTime("period_start"),
                row.getOffsetDateTime("period_end"), row.getLong("transactions"), row.getLong("failures"), row.getString("note"),
                row.getOffsetDateTime("imported_at"), row.getString("imported_by"), row.getOffsetDateTime("withdrawn_at"),
                row.getString("withdrawn_by"), row.getString("withdraw_reason"));
    }
}
