package vn.lgsp.hub.console;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.Problem;
import vn.lgsp.hub.problem.TransactionIds;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Optional;

/**
 * How the console answers what its guard refuses, and the headers every console answer carries:
 * a strict Content-Security-Policy (everything, scripts included, comes from the hub itself; no
 * inline script), no caching of pages with personal data, and the language cookie.
 */
public class ConsoleResponses {

    @Inject
    ConsoleAccess access;
    /** The console's identity provider: forms may lead there (sign-out, or a post after the session expired). */
    @ConfigProperty(name = "quarkus.oidc.console.auth-server-url")
    Optional<String> provider;

    @ServerExceptionMapper
    public Response signIn(ConsoleSignInRequired e) {
        return Response.seeOther(URI.create("/console")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ConsoleForbidden e, HttpServerRequest request) {
        if (wantsHtml(request)) {
            String page = ConsolePages.forbidden(access.anonymous(request), e.getMessage())
                    .setAttribute("locale", ConsoleLocale.of(request)).render();
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
        }
        Problem body = Problem.of(ErrorCode.CONSOLE_FORBIDDEN, e.getMessage(), request.path(), null, TransactionIds.of(request), null);
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    @ServerResponseFilter
    public void headers(ContainerResponseContext response, HttpServerRequest request) {
        if (!request.path().startsWith("/console")) {
            return;
        }
        if (response.getEntity() instanceof Problem problem && wantsHtml(request)) {
            // A person with a browser gets a page in their language, not the API's problem document.
            String page = ConsolePages.error(access.anonymous(request), problem.status(), problem.code(), problem.transactionId())
                    .setAttribute("locale", ConsoleLocale.of(request)).render();
            response.setEntity(page, new Annotation[0], MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
        // A page that set a policy of its own (stricter: the printable report) keeps it.
        if (!response.getHeaders().containsKey("Content-Security-Policy")) {
            response.getHeaders().putSingle("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; form-action 'self'" + providerOrigin()
                    + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
        }
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        if (!response.getHeaders().containsKey("Cache-Control")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
        String lang = request.getParam("lang");
        if ("en".equals(lang) || "vi".equals(lang)) {
            response.getHeaders().add("Set-Cookie", new NewCookie.Builder(ConsoleLocale.COOKIE).value(lang).path("/console")
                    .sameSite(NewCookie.SameSite.STRICT).maxAge(365 * 86_400).build());
        }
    }

    private static boolean wantsHtml(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** " scheme://host:port" of the identity provider, for form-action (browsers check it on a form's redirects too). */
    private String providerOrigin() {
        return provider.filter(url -> !url.isBlank()).map(URI::create)
                .map(url -> " " + url.getScheme() + "://" + url.getRawAuthority()).orElse("");
    }
}
