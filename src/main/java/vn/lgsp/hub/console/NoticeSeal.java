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
 * Seals the problem a form post ended with into its redirect, so that the page shows a problem
 * only when the hub itself put it there: a link crafted to make the hub's own page display
 * someone's text (or a made-up error) carries no valid seal and shows nothing. The typed values
 * of a refused form come back under a seal too, so a page never fills a form with a stranger's values.
 */
@ApplicationScoped
public class NoticeSeal {

    private final SecretKeySpec key;

    @Inject
    public NoticeSeal(HubConfig hub) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(Base64.getDecoder().decode(hub.secrets().key().strip()), "HmacSHA256"));
            key = new SecretKeySpec(derive.doFinal("lgsp-console-notice".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("lgsp.secrets.key is not a usable key for the console's notices", e);
        }
    }

    String seal(String error, String field) {
        return sign(error + "\n" + (field == null ? "" : field)).substring(0, 22);
    }

    /** The seal of any text the hub hands a browser to give back (the typed values of a refused form). */
    String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean signed(String text, String signature) {
        return signature != null && MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    boolean valid(String error, String field, String seal) {
        return error != null && seal != null
                && MessageDigest.isEqual(seal(error, field).getBytes(StandardCharsets.US_ASCII), seal.getBytes(StandardCharsets.US_ASCII));
    }
}
