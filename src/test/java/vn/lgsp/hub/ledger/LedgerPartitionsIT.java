package vn.lgsp.hub.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.ProviderFixture;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LedgerPartitionsIT {

    @Inject
    Pool pool;
    @Inject
    LedgerPartitions partitions;

    /**
     * A long search holds the ledger's table: partition upkeep, which needs an exclusive lock,
     * gives up after its lock timeout instead of queueing, so the calls recorded meanwhile are
     * not held up behind it; once the search ends, upkeep catches up.
     */
    @Test
    void upkeepGivesUpOnALockALongSearchHoldsAndCatchesUpAfterwards() throws Exception {
        String partition = "ledger_entry_" + DateTimeFormatter.ofPattern("yyyyMMdd").format(LocalDate.now(ZoneOffset.UTC).plusDays(3));
        pool.query("DROP TABLE IF EXISTS " + partition).execute().await().atMost(Duration.ofSeconds(10));
        try (ProviderFixture fixture = new ProviderFixture("upkeep", (request, response) -> response.end("{}"))) {
            fixture.service("records", "GET", "/records/{id}", Map.of());
            SqlConnection search = pool.getConnection().await().atMost(Duration.ofSeconds(10));
            try {
                Transaction tx = search.begin().await().atMost(Duration.ofSeconds(10));
                search.query("LOCK TABLE ledger_entry IN ACCESS SHARE MODE").execute().await().atMost(Duration.ofSeconds(10));

                RuntimeException gaveUp = assertThrows(RuntimeException.class, () -> partitions.maintain().await().atMost(Duration.ofSeconds(30)));
                Throwable cause = gaveUp instanceof PgException ? gaveUp : gaveUp.getCause();
                assertTrue(cause instanceof PgException pg && "55P03".equals(pg.getSqlState()), "lock_timeout, not a hang: " + gaveUp);
                // The search is still open, and calls are recorded all the same.
                fixture.asConsumer().get(fixture.url("records", "/records/1")).then().statusCode(200);
                assertEquals(1L, count("SELECT count(*) FROM ledger_entry WHERE provider_code = $1", fixture.provider()));
                assertEquals(0L, count("SELECT count(*) FROM pg_class WHERE relname = $1", partition));
                tx.rollback().await().atMost(Duration.ofSeconds(10));
            } finally {
                search.close().await().atMost(Duration.ofSeconds(10));
            }
        }
        partitions.maintain().await().atMost(Duration.ofSeconds(30));
        assertEquals(1L, count("SELECT count(*) FROM pg_class WHERE relname = $1", partition), "recreated once the lock was free");
    }

    private long count(String sql, String param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
