package vn.lgsp.hub.console;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import vn.lgsp.hub.connection.EndpointProbes;
import vn.lgsp.hub.connection.ProbeSettings;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.Contact;
import vn.lgsp.hub.registry.DataClassification;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.EndpointInput;
import vn.lgsp.hub.registry.EndpointRegistry;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.LifecycleAction;
import vn.lgsp.hub.registry.LifecycleRequest;
import vn.lgsp.hub.registry.Scope;
import vn.lgsp.hub.registry.ServiceAction;
import vn.lgsp.hub.registry.ServiceInput;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.ServiceLifecycleRequest;
import vn.lgsp.hub.registry.ServiceRegistry;
import vn.lgsp.hub.registry.SharedService;
import vn.lgsp.hub.registry.SystemInput;
import vn.lgsp.hub.registry.SystemRegistry;
import vn.lgsp.hub.registry.SystemStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Owners' pages: register a system, move it through its lifecycle, add endpoints and services
 * (with their OpenAPI/WSDL), publish, rotate endpoint credentials. Every change goes through the
 * registry's services, the API's own (same rules, versions, events, audit), from server-side form
 * posts that carry a CSRF token; refusals come back as problem codes shown on the page.
 */
// The console guards every page itself (ConsoleAccess) and acts through the API's services, whose checks apply too.
@PermitAll
@Path("/console/owner")
public class OwnerResource {

    @Inject
    NoticeSeal seals;
    @Inject
    ConsoleAccess access;
    @Inject
    OwnerQueries owned;
    @Inject
    ConnectionQueries queries;
    @Inject
    SystemRegistry systemRegistry;
    @Inject
    EndpointRegistry endpointRegistry;
    @Inject
    EndpointProbes probes;
    @Inject
    ServiceRegistry serviceRegistry;
    @Inject
    Vertx vertx;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<TemplateInstance> systems(@Context HttpServerRequest request, @QueryParam("done") String done,
                                         @QueryParam("error") String error, @QueryParam("field") String field,
                                         @QueryParam("seal") String seal) {
        ConsoleView view = access.manager(request, "owner");
        return Uni.combine().all().unis(owned.manageable(view.user()), queries.listed()).asTuple()
                .map(t -> ConsolePages.owner(view, t.getItem1(),
                                t.getItem2().stream().filter(r -> r.systemCode() == null).toList(),
                                Notice.of(done, error, field, seal, seals, request, view.user()))
                        .setAttribute("locale", view.locale()));
    }

    @POST
    @Path("systems")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> register(@Context HttpServerRequest request, @RestForm("_csrf") String csrf, @RestForm String code,
                                  @RestForm String nameVi, @RestForm String nameEn, @RestForm String owningAgency,
                                  @RestForm String ownerOrg, @RestForm String scope, @RestForm String securityLevel,
                                  @RestForm String catalogueId, @RestForm String contactName, @RestForm String contactEmail,
                                  @RestForm String description) {
        ConsoleView view = access.managerPost(request, csrf);
        TypedValues typed = TypedValues.of("register", "code", code, "nameVi", nameVi, "nameEn", nameEn, "owningAgency", owningAgency,
                "ownerOrg", ownerOrg, "scope", scope, "securityLevel", securityLevel, "catalogueId", catalogueId,
                "contactName", contactName, "contactEmail", contactEmail);
        // Sent as given: the registry makes an owner's system their organisation's and refuses an owner's ownerOrg or catalogueId.
        return FormOutcome.redirect(() -> systemRegistry.register(new SystemInput(blankToNull(code), blankToNull(nameVi), blankToNull(nameEn),
                        blankToNull(owningAgency), parse(scope, Scope::fromWire), integer(securityLevel),
                        contactName == null || contactName.isBlank() ? null : new Contact(contactName.strip(), blankToNull(contactEmail), null),
                        blankToNull(description), blankToNull(catalogueId), blankToNull(ownerOrg), null)),
                "/console/owner/systems/" + FormOutcome.path(code) + "?done=registered", "/console/owner?", seals, view, typed);
    }

    @GET
    @Path("systems/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<TemplateInstance> system(@Context HttpServerRequest request, @PathParam("code") String code,
                                        @QueryParam("done") String done, @QueryParam("error") String error,
                                        @QueryParam("field") String field, @QueryParam("seal") String seal,
                                        @QueryParam("from") String from, @QueryParam("to") String to) {
        ConsoleView view = access.manager(request, "owner");
        ConsolePeriod.Picked picked = queries.period(from, to);
        Notice notice = picked.notice().any() ? picked.notice() : Notice.of(done, error, field, seal, seals, request, view.user());
        return owned(view, code).flatMap(system -> queries.detail(system, picked.period()))
                .map(detail -> ConsolePages.ownerSystem(view, detail, actions(view, detail.system().status()), notice)
                        .setAttribute("locale", view.locale()));
    }

    @POST
    @Path("systems/{code}/lifecycle")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> lifecycle(@Context HttpServerRequest request, @PathParam("code") String code,
                                   @RestForm("_csrf") String csrf, @RestForm String action, @RestForm String reason) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        LifecycleAction chosen = Arrays.stream(LifecycleAction.values()).filter(a -> a.wire().equals(action)).findFirst().orElse(null);
        if (chosen == null || !mayTake(view, chosen)) {
            throw new ConsoleForbidden("this lifecycle action is not yours to take");
        }
        return owned(view, code).flatMap(system -> FormOutcome.redirect(
                () -> systemRegistry.transition(system.code(), null, new LifecycleRequest(chosen, blankToNull(reason))),
                page + "?done=lifecycle", page + "?", seals));
    }

    @POST
    @Path("systems/{code}/endpoints")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> addEndpoint(@Context HttpServerRequest request, @PathParam("code") String code,
                                     @RestForm("_csrf") String csrf, @RestForm("code") String endpointCode,
                                     @RestForm String connectorType, @RestForm String address, @RestForm String authType,
                                     @RestForm String authHeader, @RestForm String authUsername, @RestForm String secret,
                                     @RestForm String requestTimeoutMs) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        String type = authType == null || authType.isBlank() ? "none" : authType;
        EndpointInput.Auth auth = new EndpointInput.Auth(type, blankToNull(authHeader), blankToNull(authUsername), null, null, null,
                null, blankToNull(secret));
        // Everything but the secret comes back if the hub refuses the endpoint.
        TypedValues typed = TypedValues.of("endpoint", "code", endpointCode, "connectorType", connectorType, "address", address,
                "authType", authType, "authHeader", authHeader, "authUsername", authUsername, "requestTimeoutMs", requestTimeoutMs);
        return owned(view, code).flatMap(system -> FormOutcome.redirect(
                () -> endpointRegistry.add(system.code(), new EndpointInput(blankToNull(endpointCode), blankToNull(connectorType),
                        blankToNull(address), null, integer(requestTimeoutMs), null, auth, null)),
                page + "?done=endpoint", page + "?", seals, view, typed));
    }

    /**
     * Rotates an endpoint's secret: replaces the endpoint with its current settings and the new
     * secret, under the version the owner saw (If-Match), so a concurrent edit is not overwritten.
     */
    @POST
    @Path("systems/{code}/endpoints/{endpoint}/credentials")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> rotate(@Context HttpServerRequest request, @PathParam("code") String code,
                                @PathParam("endpoint") String endpoint, @RestForm("_csrf") String csrf,
                                @RestForm String version, @RestForm String secret) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        return owned(view, code).flatMap(system -> FormOutcome.redirect(
                () -> endpointRegistry.get(system.code(), endpoint).flatMap(e -> endpointRegistry.update(system.code(), endpoint,
                        seen("version", version), replacing(e, e.address(), e.requestTimeoutMs(), blankToNull(secret)))),
                page + "?done=rotated", page + "?", seals));
    }

    /**
     * Edits an endpoint's address and timeout under the version the owner saw; its other settings
     * stay, and its secret too unless a new one is given (moving to another origin needs it again).
     */
    @POST
    @Path("systems/{code}/endpoints/{endpoint}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> editEndpoint(@Context HttpServerRequest request, @PathParam("code") String code,
                                      @PathParam("endpoint") String endpoint, @RestForm("_csrf") String csrf,
                                      @RestForm String version, @RestForm String address, @RestForm String requestTimeoutMs,
                                      @RestForm String secret) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        return owned(view, code).flatMap(system -> FormOutcome.redirect(
                () -> endpointRegistry.get(system.code(), endpoint).flatMap(e -> {
                    Integer timeout = integer(requestTimeoutMs);
                    return endpointRegistry.update(system.code(), endpoint, seen("version", version),
                            replacing(e, blankToNull(address), timeout == null ? e.requestTimeoutMs() : timeout, blankToNull(secret)));
                }),
                page + "?done=endpoint", page + "?", seals));
    }

    @POST
    @Path("systems/{code}/services")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Uni<Response> addService(@Context HttpServerRequest request, @PathParam("code") String code,
                                    @RestForm("_csrf") String csrf, @RestForm("code") String serviceCode, @RestForm String version,
                                    @RestForm String name, @RestForm String endpointCode, @RestForm String kind,
                                    @RestForm String httpMethod, @RestForm String pathPattern, @RestForm String soapOperation,
                                    @RestForm String dataClassification, @RestForm FileUpload document) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        ServiceKind k = parse(kind, ServiceKind::fromWire);
        boolean rest = k != ServiceKind.SOAP;
        ServiceInput input = new ServiceInput(blankToNull(serviceCode), blankToNull(version), blankToNull(name), null,
                blankToNull(endpointCode), k, rest ? blankToNull(httpMethod) : null, rest ? blankToNull(pathPattern) : null,
                rest ? null : blankToNull(soapOperation), null, parse(dataClassification, DataClassification::fromWire), null, null,
                null, null, null);
        TypedValues typed = TypedValues.of("service", "code", serviceCode, "version", version, "name", name,
                "endpointCode", endpointCode, "kind", kind, "httpMethod", httpMethod, "pathPattern", pathPattern,
                "soapOperation", soapOperation, "dataClassification", dataClassification);
        // With a document, the service and its document are stored together or not at all.
        return owned(view, code).flatMap(system -> FormOutcome.redirect(
                () -> hasFile(document)
                        ? vertx.fileSystem().readFile(document.uploadedFile().toString())
                                .flatMap(content -> serviceRegistry.add(system.code(), input, mediaType(document), content.getBytes()))
                        : serviceRegistry.add(system.code(), input),
                page + "?done=service", page + "?", seals, view, typed));
    }

    @POST
    @Path("systems/{code}/services/{service}/{version}/description")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Uni<Response> uploadDescription(@Context HttpServerRequest request, @PathParam("code") String code,
                                           @PathParam("service") String service, @PathParam("version") String version,
                                           @RestForm("_csrf") String csrf, @RestForm FileUpload document) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        return owned(view, code).flatMap(system -> FormOutcome.redirect(
                () -> upload(system.code(), service, version, document), page + "?done=uploaded", page + "?", seals));
    }

    @POST
    @Path("systems/{code}/services/{service}/{version}/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> publish(@Context HttpServerRequest request, @PathParam("code") String code,
                                 @PathParam("service") String service, @PathParam("version") String version,
                                 @RestForm("_csrf") String csrf, @RestForm String action) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        ServiceAction chosen = "withdraw".equals(action) ? ServiceAction.WITHDRAW : ServiceAction.PUBLISH;
        return owned(view, code).flatMap(system -> FormOutcome.redirect(
                () -> serviceRegistry.transition(system.code(), service, version, null, new ServiceLifecycleRequest(chosen)),
                page + "?done=published", page + "?", seals));
    }

    @POST
    @Path("systems/{code}/services/{service}/{version}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> removeService(@Context HttpServerRequest request, @PathParam("code") String code,
                                       @PathParam("service") String service, @PathParam("version") String version,
                                       @RestForm("_csrf") String csrf, @RestForm String revision, @RestForm String confirm) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        return owned(view, code).flatMap(system -> FormOutcome.redirect(() -> {
            FormOutcome.requireConfirmed(confirm, "removal");
            return serviceRegistry.remove(system.code(), service, version, seen("revision", revision));
        }, page + "?done=removed", page + "?", seals));
    }

    @POST
    @Path("systems/{code}/endpoints/{endpoint}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> removeEndpoint(@Context HttpServerRequest request, @PathParam("code") String code,
                                        @PathParam("endpoint") String endpoint, @RestForm("_csrf") String csrf,
                                        @RestForm String version, @RestForm String confirm) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        return owned(view, code).flatMap(system -> FormOutcome.redirect(() -> {
            FormOutcome.requireConfirmed(confirm, "removal");
            return endpointRegistry.remove(system.code(), endpoint, seen("version", version));
        }, page + "?done=removed", page + "?", seals));
    }

    @POST
    @Path("systems/{code}/endpoints/{endpoint}/probe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> probe(@Context HttpServerRequest request, @PathParam("code") String code,
                               @PathParam("endpoint") String endpoint, @RestForm("_csrf") String csrf, @RestForm String action,
                               @RestForm String target, @RestForm String intervalSeconds) {
        ConsoleView view = access.managerPost(request, csrf);
        String page = page(code);
        return owned(view, code).flatMap(system -> FormOutcome.redirect(() -> "stop".equals(action)
                        ? probes.stop(system.code(), endpoint)
                        : probes.save(system.code(), endpoint, new ProbeSettings(blankToNull(target), integer(intervalSeconds), null)),
                page + "?done=probe", page + "?", seals));
    }

    /**
     * The endpoint as it is, with the address, timeout and (when given) secret the form changes:
     * every other setting is sent back as read, and stored secrets stay unless replaced.
     */
    private static EndpointInput replacing(Endpoint e, String address, int requestTimeoutMs, String secret) {
        EndpointInput.Tls tls = e.tls() == null ? null : new EndpointInput.Tls(e.tls().verifyHostname(), e.tls().trustAll(),
                e.tls().caCertificatesPem(), e.tls().clientCertificatePem(), null);
        EndpointInput.Auth auth = new EndpointInput.Auth(e.auth().type(), e.auth().header(), e.auth().username(),
                e.auth().tokenUrl(), e.auth().clientId(), e.auth().scope(), e.auth().clientAuthentication(), secret);
        return new EndpointInput(e.code(), e.connectorType(), address, e.connectTimeoutMs(), requestTimeoutMs, tls, auth, e.options());
    }

    /** The version the form was rendered with, so a removal never hits a newer state unseen. */
    private static int seen(String field, String value) {
        Integer seen = integer(value);
        if (seen == null) {
            throw ProblemException.field(ErrorCode.PRECONDITION_REQUIRED, field, "reload the page and try again");
        }
        return seen;
    }

    /** The system, if this user may manage it (403 otherwise; 404 problem if unknown). */
    private Uni<InformationSystem> owned(ConsoleView view, String code) {
        return queries.system(ConnectionsResource.slug(code)).map(system -> {
            ConsoleAccess.requireOwner(view, system.ownerOrg());
            return system;
        });
    }

    /** Lifecycle actions this user may take: owners submit and retire; admins all. */
    /** The lifecycle actions this user may take on a system in {@code status} (only those, so none is offered to fail). */
    static List<String> actions(ConsoleView view, SystemStatus status) {
        return Arrays.stream(LifecycleAction.values()).filter(a -> mayTake(view, a) && a.apply(status).isPresent())
                .map(LifecycleAction::wire).toList();
    }

    private static boolean mayTake(ConsoleView view, LifecycleAction action) {
        return view.isAdmin() || action.byOwner();
    }

    private Uni<SharedService> upload(String system, String service, String version, FileUpload document) {
        if (!hasFile(document)) {
            return serviceRegistry.upload(system, service, version, "application/json", new byte[0]);
        }
        return vertx.fileSystem().readFile(document.uploadedFile().toString())
                .flatMap(content -> serviceRegistry.upload(system, service, version, mediaType(document), content.getBytes()));
    }

    private static boolean hasFile(FileUpload document) {
        return document != null && document.size() > 0;
    }

    /** Browsers often send .yaml and .wsdl files as application/octet-stream: go by the extension then. */
    static String mediaType(FileUpload document) {
        String name = document.fileName() == null ? "" : document.fileName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "application/yaml";
        }
        if (name.endsWith(".wsdl") || name.endsWith(".xml")) {
            return "application/wsdl+xml";
        }
        return document.contentType();
    }

    private static String page(String code) {
        return "/console/owner/systems/" + FormOutcome.path(code);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Integer integer(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return -1; // refused by the registry's own range check, with its field named
        }
    }

    static <E> E parse(String value, java.util.function.Function<String, E> fromWire) {
        try {
            return value == null || value.isBlank() ? null : fromWire.apply(value.strip());
        } catch (IllegalArgumentException e) {
            return null; // refused by the registry's own required-field check
        }
    }
}
