package vn.lgsp.hub.evidence;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;


/** Evidence for auditors: a transaction's bundle, and a check of a stored chain. */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence", description = "The signed message log: evidence bundles and chain verification")
public class EvidenceResource {

    @Inject
    EvidenceBundles bundles;
    @Inject
    ChainVerification verification;
    @Inject
    MessageLogArchives archives;
    @Inject
    InstanceName instance;
    @Inject
    RetainedBodies bodies;

    @GET
    @Path("transactions/{id}/evidence")
    @Operation(summary = "The evidence bundle of one transaction: its record, the chain to a signed checkpoint, signature, "
            + "certificate and time stamp; check it offline with `java -jar quarkus-run.jar verify`")
    public Uni<Response> evidence(@PathParam("id") String id) {
        return bundles.forTransaction(id).map(bundle -> Response.ok(bundle).header("Content-Disposition", EvidenceBundles.attachment(id)).build());
    }

    @GET
    @Path("transactions/{id}/bodies/{part}")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A body the message log kept (only for services with bodyRetentionDays), decrypted and checked against "
            + "the digest in the transaction's signed record; admins only, and every read is audited")
    public Uni<Response> body(@PathParam("id") String id, @PathParam("part") String part) {
        RetainedBodies.Part which = RetainedBodies.Part.fromWire(part);
        return bodies.read(id, which).map(body -> Response.ok(body.content(),
                        body.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM : body.contentType())
                // Provider content at the hub's origin: a download, never a page a browser renders.
                .header("Content-Disposition", "attachment; filename=\"" + which.wire() + "-" + id + ".bin\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(body.sha256())) + ":")
                .header("X-LGSP-Kept-Until", body.expiresAt().toString())
                .build());
    }

    @GET
    @Path("message-log/verification")
    @Operation(summary = "Re-checks a stored chain (digests, links, checkpoints and their signatures) and names what is "
            + "altered, missing or truncated; at most 100000 records per call")
    public Uni<ChainVerification.Report> verify(@QueryParam("instance") String hub, @QueryParam("from") String from,
                                                @QueryParam("to") String to) {
        String name = instanceOf(hub);
        long first = number("from", from, 1);
        long last = number("to", to, first + ChainVerification.MAX_RECORDS - 1);
        if (last < first || last - first >= ChainVerification.MAX_RECORDS) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "to",
                    "to must be from `from` to `from` + " + (ChainVerification.MAX_RECORDS - 1));
        }
        return verification.verify(name, first, last);
    }

    @GET
    @Path("message-log/archives/{day}")
    @Produces("application/x-ndjson")
    @Operation(summary = "A closed day (UTC) of the message log as an archive file for cold storage, in parts of at most 5000 "
            + "records; each part starts with the SHA-256 of the part before it, and a part exported again must be identical")
    public Uni<Response> archive(@PathParam("day") String day, @QueryParam("instance") String hub, @QueryParam("part") String part) {
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "day", "day must be a date, YYYY-MM-DD");
        }
        long number = number("part", part, 1);
        if (number > 100_000) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "part", "part must be a whole number from 1 to 100000");
        }
        return archives.export(instanceOf(hub), date, (int) number).map(archive -> Response.ok(archive.body(), "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"" + archive.fileName() + "\"")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(archive.sha256()) + ":").build());
    }

    private String instanceOf(String hub) {
        String name = hub == null || hub.isBlank() ? instance.value() : hub.strip();
        if (name.length() > 200) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "instance", "instance is at most 200 characters");
        }
        return name;
    }

    private static long number(String name, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be a whole number from 1");
    }
}
