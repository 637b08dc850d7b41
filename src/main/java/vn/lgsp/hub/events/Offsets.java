package vn.lgsp.hub.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Positions in an event topic, partition to next offset: stored as {@code p:o,p:o} and handed to
 * pull consumers as an opaque cursor (base64url of a versioned form). A cursor only says where
 * to read next; it grants nothing, the subscription's grant is checked on every pull.
 */
final class Offsets {

    private static final String CURSOR_VERSION = "c1|";

    private Offsets() {
    }

    static String format(Map<Integer, Long> offsets) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(offsets).forEach((p, o) -> {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(p).append(':').append(o);
        });
        return sb.toString();
    }

    static Map<Integer, Long> parse(String text) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return offsets;
        }
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bad offsets");
            }
            int partition = Integer.parseInt(pair.substring(0, colon));
            long offset = Long.parseLong(pair.substring(colon + 1));
            if (partition < 0 || partition > 100_000 || offset < 0) {
                throw new IllegalArgumentException("bad offsets");
            }
            offsets.put(partition, offset);
        }
        return offsets;
    }

    static String cursor(Map<Integer, Long> offsets) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_VERSION + format(offsets)).getBytes(StandardCharsets.UTF_8));
    }

    /** The offsets of a cursor; IllegalArgumentException when it is not one the hub made. */
    static Map<Integer, Long> fromCursor(String cursor) {
        if (cursor.length() > 4096) {
            throw new IllegalArgumentException("cursor too long");
        }
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!text.startsWith(CURSOR_VERSION)) {
            throw new IllegalArgumentException("not a cursor");
        }
        return parse(text.substring(CURSOR_VERSION.length()));
    }
}
