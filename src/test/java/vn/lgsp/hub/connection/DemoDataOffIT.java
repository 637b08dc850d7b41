package vn.lgsp.hub.connection;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Against a database the hub did not start itself (production), the demo never seeds. */
@QuarkusTest
class DemoDataOffIT {

    @Inject
    Pool pool;

    @Test
    void noDemoSystemsWithoutTheEmbeddedRun() {
        long n = pool.query("SELECT count(*) AS n FROM information_system WHERE code LIKE 'demo-%'").execute()
                .await().indefinitely().iterator().next().getLong("n");
        assertEquals(0, n);
    }
}
