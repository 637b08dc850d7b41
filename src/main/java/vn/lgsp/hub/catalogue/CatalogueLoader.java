package vn.lgsp.hub.catalogue;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the official list shipped with the hub ({@code catalogue/listed-systems.csv}) at every
 * start, as an upsert: the same file loaded twice changes nothing, and a corrected name in a new
 * release replaces the old one. Entries are never deleted here, since systems may link to them.
 */
@ApplicationScoped
public class CatalogueLoader {

    private static final Logger LOG = Logger.getLogger(CatalogueLoader.class);
    static final String RESOURCE = "catalogue/listed-systems.csv";
    private static final List<String> HEADER = List.of("id", "code", "scope", "name_vi", "name_en", "owner_vi", "owner_en", "status_end_2025");

    @Inject
    Pool pool;

    void load(@Observes StartupEvent event) {
        List<Tuple> rows = read();
        pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO catalogue_entry (id, code, scope, name_vi, name_en, owner_vi, "
                        + "owner_en, listed_status, position, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) "
                        + "ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, scope = EXCLUDED.scope, name_vi = EXCLUDED.name_vi, "
                        + "name_en = EXCLUDED.name_en, owner_vi = EXCLUDED.owner_vi, owner_en = EXCLUDED.owner_en, "
                        + "listed_status = EXCLUDED.listed_status, position = EXCLUDED.position, updated_at = now() "
                        + "WHERE (catalogue_entry.code, catalogue_entry.scope, catalogue_entry.name_vi, catalogue_entry.name_en, "
                        + "catalogue_entry.owner_vi, catalogue_entry.owner_en, catalogue_entry.listed_status, catalogue_entry.position) "
                        + "IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.scope, EXCLUDED.name_vi, EXCLUDED.name_en, EXCLUDED.owner_vi, "
                        + "EXCLUDED.owner_en, EXCLUDED.listed_status, EXCLUDED.position)")
                        .executeBatch(rows))
                .await().atMost(Duration.ofSeconds(60));
        LOG.infof("Official catalogue loaded: %d listed systems", rows.size());
    }

    static List<Tuple> read() {
        String text;
        try (InputStream in = CatalogueLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the catalogue file " + RESOURCE + " is missing from the build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> csv = CsvRows.parse(text);
        if (csv.isEmpty() || !csv.get(0).equals(HEADER)) {
            throw new IllegalStateException(RESOURCE + " must start with the header " + HEADER);
        }
        Map<String, String> statuses = Map.of("connected", "connected", "not-connected", "not-connected");
        List<Tuple> tuples = new ArrayList<>();
        for (int i = 1; i < csv.size(); i++) {
            List<String> r = csv.get(i);
            if (r.size() != HEADER.size() || !statuses.containsKey(r.get(7))) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + " is malformed");
            }
            tuples.add(Tuple.tuple().addString(r.get(0)).addString(r.get(1)).addString(r.get(2)).addString(r.get(3))
                    .addString(r.get(4)).addString(blankToNull(r.get(5))).addString(blankToNull(r.get(6)))
                    .addString(r.get(7)).addInteger(i));
        }
        return tuples;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
