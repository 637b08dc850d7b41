package vn.lgsp.hub.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.config.HubConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Cross-site request forgery protection for the console's forms: each form carries a token that
 * is an HMAC of the signed-in user's name under a key derived from the hub's secrets key, so a
 * page on another site cannot know it, every hub instance accepts it (no session to share), and
 * a token of one user is useless for another. The OIDC session cookie is also SameSite=Lax (Quarkus's
 * default, needed for the provider's redirect back), so cross-site posts do not carry it.
 */
@ApplicationScoped
public class ConsoleCsrf {

    public static final String FIELD = "_csrf";

    private final SecretKeySpec key;

    @Inject
    public ConsoleCsrf(HubConfig hub) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(Base64.getDecoder().decode(hub.secrets().key().strip()), "HmacSHA256"));
            key = new SecretKeySpec(derive.doFinal("lgsp-console-csrf".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("lgsp.secrets.key is not a usable key for the console's CSRF tokens", e);
        }
    }

    public String token(ConsoleUser user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(user.name().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails with 403 unless {@code sent} is this user's token. */
    public void check(ConsoleUser user, String sent) {
        if (sent == null || !MessageDigest.isEqual(token(user).getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII))) {
            throw new ConsoleForbidden("the form's CSRF token is missing or wrong; reload the page");
        }
    }
}
