package vn.lgsp.hub.exchange;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes a body through while computing its SHA-256, as proof of what was exchanged. */
public final class DigestingStream extends ForwardingStream {

    private final MessageDigest digest;
    private String hex;

    /**
     * A digesting view of {@code body}: the stream itself if it digests already (a stage further
     * out or in took it), so that stages that both want the digest hash the body once.
     */
    public static DigestingStream of(ReadStream<Buffer> body) {
        return body instanceof DigestingStream digesting ? digesting : new DigestingStream(body);
    }

    private DigestingStream(ReadStream<Buffer> source) {
        super(source);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest once the stream ended, else null. */
    public String sha256() {
        return hex;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        source.handler(handler == null ? null : buffer -> {
            digest.update(buffer.getBytes());
            handler.handle(buffer);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        source.endHandler(handler == null ? null : v -> {
            hex = HexFormat.of().formatHex(digest.digest());
            handler.handle(v);
        });
        return this;
    }
}
