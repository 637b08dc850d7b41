package vn.lgsp.hub.bench;

import vn.lgsp.hub.testing.ProcessTestBed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * PostgreSQL's side of a profile ({@code BENCH_PG_STATEMENTS=1}): pg_stat_statements loaded into
 * the suite's server, reset before a measurement and read after it, so the statements that cost
 * the database most per routed request are printed beside the hub's own figures.
 */
final class PgStatements {

    private final ProcessTestBed bed;

    private PgStatements(ProcessTestBed bed) {
        this.bed = bed;
    }

    /** Loads the extension (a server restart) and returns a reader, or null when not asked for. */
    static PgStatements enableIf(boolean wanted, ProcessTestBed bed) throws SQLException {
        if (!wanted) {
            return null;
        }
        execute(bed, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        bed.stopPostgres();
        bed.startPostgres();
        execute(bed, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return new PgStatements(bed);
    }

    void reset() throws SQLException {
        execute(bed, "SELECT pg_stat_statements_reset()");
    }

    /** The costliest statements since {@link #reset()}, in microseconds of execution per routed request. */
    String top(long requests, int limit) throws SQLException {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %9s %9s %9s  %s%n", "us/req", "calls", "rows/call", "statement"));
        try (Connection db = bed.db(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT total_exec_time + total_plan_time AS ms, calls, rows, "
                     + "regexp_replace(query, '\\s+', ' ', 'g') AS q FROM pg_stat_statements "
                     + "ORDER BY total_exec_time + total_plan_time DESC LIMIT " + limit)) {
            while (rs.next()) {
                String query = rs.getString("q");
                out.append(String.format(Locale.ROOT, "  %9.1f %9d %9.1f  %s%n", rs.getDouble("ms") * 1000 / Math.max(1, requests),
                        rs.getLong("calls"), rs.getLong("rows") / (double) Math.max(1, rs.getLong("calls")),
                        query.length() > 110 ? query.substring(0, 110) + "..." : query));
            }
        }
        return out.toString();
    }

    private static void execute(ProcessTestBed bed, String statement) throws SQLException {
        try (Connection db = bed.db(); Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }
}
