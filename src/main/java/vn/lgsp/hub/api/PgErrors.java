package vn.lgsp.hub.api;

import io.vertx.pgclient.PgException;

/** Reads the constraint a PostgreSQL error is about, so repositories answer with the right code. */
public final class PgErrors {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private PgErrors() {
    }

    public static boolean violates(Throwable failure, String sqlState, String constraint) {
        return failure instanceof PgException pg
                && sqlState.equals(pg.getSqlState())
                && pg.getConstraint() != null
                && pg.getConstraint().equals(constraint);
    }
}
