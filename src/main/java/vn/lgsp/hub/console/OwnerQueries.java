package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

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

    /** A published service one may ask access to, with its provider's names, for the grant request form's list. */
    @TemplateData
    public record Offered(String provider, String providerVi, String providerEn, String service, String name) {

        /** The form's value for it: provider and service code (both slugs, so '/' cannot occur in either). */
        public String value() {
            return provider + "/" + service;
        }
    }

    /** Published services of systems not retired, by provider and service code (a service with several versions once). */
    public Uni<List<Offered>> offered() {
        return pool.query("SELECT DISTINCT ON (s.code, v.code) s.code AS provider, s.name_vi, s.name_en, v.code AS service, v.name "
                        + "FROM shared_service v JOIN information_system s ON s.id = v.system_id "
                        + "WHERE v.status = 'published' AND s.status <> 'retired' ORDER BY s.code, v.code, v.version DESC LIMIT 2000")
                .execute()
                .map(set -> {
                    List<Offered> out = new ArrayList<>();
                    for (Row r : set) {
                        out.add(new Offered(r.getString("provider"), r.getString("name_vi"), r.getString("name_en"), r.getString("service"),
                                r.getString("name")));
                    }
                    return out;
                });
    }

    /** Systems' names by code, for pages that list codes (grants): a person reads names. */
    @TemplateData
    public record SystemNames(Map<String, String[]> byCode, boolean english) {

        /** The name in the reader's language (Vietnamese when there is no English one), or the code itself. */
        public String of(String code) {
            String[] names = byCode.get(code);
            if (names == null) {
                return code;
            }
            return english && names[1] != null && !names[1].isBlank() ? names[1] : names[0];
        }
    }

    public Uni<SystemNames> names(boolean english) {
        return pool.query("SELECT code, name_vi, name_en FROM information_system WHERE status <> 'retired' LIMIT 10000").execute()
                .map(set -> {
                    Map<String, String[]> names = new HashMap<>();
                    for (Row r : set) {
                        names.put(r.getString("code"), new String[] {r.getString("name_vi"), r.getString("name_en")});
                    }
                    return new SystemNames(names, english);
                });
    }
}
