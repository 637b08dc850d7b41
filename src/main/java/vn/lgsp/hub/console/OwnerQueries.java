package vn.lgsp.hub.console;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Reads for the owners' pages: the systems a user may manage. */
@ApplicationScoped
public class OwnerQueries {

    private static final String SELECT = "SELECT code, name_vi, name_en, owning_agency, scope, status, catalogue_id, status_changed_at "
            + "FROM information_system ";

    @Inject
    Pool pool;

    /** Admins: every system; owners: those whose {@code ownerOrg} is their organisation (same rule as {@link ConsoleUser#owns}). */
    public Uni<List<OwnedSystem>> manageable(ConsoleUser user) {
        if (!user.isAdmin() && user.organisation() == null) {
            return Uni.createFrom().item(List.of());
        }
        Uni<RowSet<Row>> rows = user.isAdmin()
                ? pool.query(SELECT + "ORDER BY code LIMIT 1000").execute()
                : pool.preparedQuery(SELECT + "WHERE owner_org = $1 ORDER BY code LIMIT 1000").execute(Tuple.of(user.organisation()));
        return rows.map(set -> {
            List<OwnedSystem> out = new ArrayList<>();
            for (Row r : set) {
                out.add(new OwnedSystem(r.getString("code"), r.getString("name_vi"), r.getString("name_en"), r.getString("owning_agency"),
                        r.getString("scope"), r.getString("status"), r.getString("catalogue_id"), r.getOffsetDateTime("status_changed_at")));
            }
            return out;
        });
    }
}
