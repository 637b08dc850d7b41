package vn.lgsp.hub.catalogue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.identity.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The official list of information systems, read-only. A registered system links itself to its
 * entry through its {@code catalogueId} (set by admins). Roles: admins, owners and operators read.
 */
@Path("/api/v1/catalogue")
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue", description = "The province's official list of information systems")
public class CatalogueResource {

    private static final Set<String> SCOPES = Set.of("central", "provincial", "commune");
    private static final Pattern ID = Pattern.compile("^[A-Z][0-9]{2,4}$");
    private static final String SELECT = "SELECT c.id, c.code, c.scope, c.name_vi, c.name_en, c.owner_vi, c.owner_en, "
            + "c.listed_status, s.code AS system_code, s.status AS system_status FROM catalogue_entry c "
            + "LEFT JOIN information_system s ON s.catalogue_id = c.id ";

    /** The whole list (it is small), optionally one scope. */
    public record Listing(List<CatalogueEntry> items, int total) {
    }

    @Inject
    Pool pool;

    @GET
    @Operation(summary = "List the official catalogue (36 systems at the end of 2025), optionally by scope")
    public Uni<Listing> list(@QueryParam("scope") String scope) {
        if (scope != null && !SCOPES.contains(scope)) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "scope", "scope must be one of " + SCOPES);
        }
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> rows = scope == null
                ? pool.query(SELECT + "ORDER BY c.position").execute()
                : pool.preparedQuery(SELECT + "WHERE c.scope = $1 ORDER BY c.position").execute(Tuple.of(scope));
        return rows.map(set -> {
            List<CatalogueEntry> items = new ArrayList<>(set.size());
            set.forEach(row -> items.add(map(row)));
            return new Listing(items, items.size());
        });
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one catalogue entry and the system linked to it")
    public Uni<CatalogueEntry> get(@PathParam("id") String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "id", "a catalogue id looks like C01 or P12");
        }
        return pool.preparedQuery(SELECT + "WHERE c.id = $1").execute(Tuple.of(id)).map(set -> {
            if (set.size() == 0) {
                throw ProblemException.field(ErrorCode.CATALOGUE_ENTRY_NOT_FOUND, "id", "no catalogue entry has this id");
            }
            return map(set.iterator().next());
        });
    }

    private static CatalogueEntry map(Row row) {
        String systemCode = row.getString("system_code");
        return new CatalogueEntry(row.getString("id"), row.getString("code"), row.getString("scope"), row.getString("name_vi"),
                row.getString("name_en"), row.getString("owner_vi"), row.getString("owner_en"), row.getString("listed_status"),
                systemCode == null ? null : new CatalogueEntry.LinkedSystem(systemCode, row.getString("system_status")));
    }
}
