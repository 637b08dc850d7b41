package vn.lgsp.hub.compat;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import java.util.List;

/** Compatibility profiles (admins) and the addresses owners give their services in today's LGSPs' conventions. */
@Path("/api/v1/systems/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Compatibility", description = "Accept the calls clients of today's LGSPs already make")
public class CompatResource {

    @Inject
    CompatSettings settings;

    @GET
    @Path("compatibility")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "Read a consumer system's compatibility profile (every convention off unless an admin enabled it)")
    public Uni<CompatProfile> profile(@PathParam("code") String code) {
        return settings.profile(slug("code", code));
    }

    @PUT
    @Path("compatibility")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set a consumer system's compatibility profile (admins only)")
    public Uni<CompatProfile> setProfile(@PathParam("code") String code, CompatProfileInput input) {
        return settings.setProfile(slug("code", code), body(input));
    }

    @GET
    @Path("compatibility/services")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "List the compatibility addresses of a providing system's services")
    public Uni<List<CompatAddress>> addresses(@PathParam("code") String code) {
        return settings.addresses(slug("code", code));
    }

    @GET
    @Path("compatibility/services/{service}")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "Read a service's WSO2 context and finance transaction code")
    public Uni<CompatAddress> address(@PathParam("code") String code, @PathParam("service") String service) {
        return settings.address(slug("code", code), slug("service", service));
    }

    @PUT
    @Path("compatibility/services/{service}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Give a service a WSO2 context and/or a finance transaction code (its system's owner)")
    public Uni<CompatAddress> setAddress(@PathParam("code") String code, @PathParam("service") String service, CompatAddressInput input) {
        return settings.setAddress(slug("code", code), slug("service", service), body(input));
    }

    @DELETE
    @Path("compatibility/services/{service}")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Remove a service's compatibility address")
    public Uni<Void> removeAddress(@PathParam("code") String code, @PathParam("service") String service) {
        return settings.removeAddress(slug("code", code), slug("service", service));
    }

    private static String slug(String name, String value) {
        if (value == null || value.length() > 63 || !FieldChecks.isSlug(value)) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " is not a valid code");
        }
        return value;
    }

    private static <T> T body(T value) {
        if (value == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        return value;
    }
}
