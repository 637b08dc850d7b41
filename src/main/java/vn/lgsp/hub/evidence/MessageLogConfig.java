package vn.lgsp.hub.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The signed message log and its evidence (docs/message-log.md). */
@ConfigMapping(prefix = "lgsp.message-log")
public interface MessageLogConfig {

    /**
     * Keep a hash-chained, signed record (metadata and SHA-256 digests of both heads and bodies)
     * of every transaction. Off only to measure what it costs.
     */
    @WithDefault("true")
    boolean enabled();

    /** Most records chained and written in one statement. */
    @WithDefault("1000")
    int maxBatch();

    /**
     * How often queued records are written, unless a whole batch waits already. Nobody waits for
     * this write, so waiting to fill batches costs no latency and saves PostgreSQL most of its
     * per-statement work.
     */
    @WithDefault("100ms")
    Duration flushInterval();

    /**
     * Most records waiting to be written. While this many wait (the database is slow or away),
     * new calls are refused with 503 {@code ledger-unavailable} rather than left without a record.
     */
    @WithDefault("20000")
    int maxQueued();

    /** A checkpoint once this many records were chained since the last one... */
    @WithDefault("1000")
    int checkpointRecords();

    /** ...or once this long passed with records not yet covered by one. */
    @WithDefault("10s")
    Duration checkpointInterval();

    /** What the hub does while it cannot sign or time-stamp checkpoints. */
    @WithDefault("stop")
    OnSigningFailure onSigningFailure();

    /**
     * How long records may stay unsigned (their checkpoint failing) before {@code stop} refuses
     * new calls; with {@code alert} only readiness is kept and the failure is logged and counted.
     */
    @WithDefault("2m")
    Duration signingGracePeriod();

    /** Kafka topic the checkpoints are published to, so a copy exists outside the database. */
    @WithDefault("lgsp.message-log.checkpoints")
    String topic();

    Signing signing();

    TimeStamping timeStamping();

    Bodies bodies();

    enum OnSigningFailure {
        /** Refuse new calls (503 {@code ledger-unavailable}) once records stayed unsigned past the grace period. */
        STOP,
        /** Keep serving; log, count ({@code lgsp_message_log_signing_failures_total}) and report it in health. */
        ALERT
    }

    /** The hub's signing key. Without a key store an ephemeral self-signed key is made at start (demo only). */
    interface Signing {
        /** A PKCS#12 file, or for {@code PKCS11} the SunPKCS11 configuration file of the token. Re-read when it changes. */
        Optional<String> keyStore();

        /** {@code PKCS12} or {@code PKCS11}. */
        @WithDefault("PKCS12")
        String keyStoreType();

        /** The key store's (or token's PIN) password. */
        Optional<String> keyStorePassword();

        /** The key's alias; by default the store's only private key. */
        Optional<String> keyAlias();
    }

    /** RFC 3161 time stamps of each checkpoint's signature. */
    interface TimeStamping {
        /** The time-stamp authority's URL ({@code application/timestamp-query} over HTTP POST); none: no time stamps. */
        Optional<String> url();

        /** Longest wait for the authority's answer. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** Bodies kept, encrypted, for services that opted in with {@code bodyRetentionDays}. */
    interface Bodies {
        /**
         * Base64 of the 256-bit AES key that seals kept bodies. Unset: one derived from
         * {@code lgsp.secrets.key}. Rotate by moving the old key to {@code previous-keys}.
         */
        Optional<String> key();

        /** Older keys (base64, comma-separated) that still open what they sealed; nothing new is sealed with them. */
        Optional<List<String>> previousKeys();

        /** Largest body kept; a larger one keeps only its digest, and its row says {@code too-large}. */
        @WithDefault("1048576")
        long maxBytes();

        /** How often bodies past their retention are deleted. */
        @WithDefault("1h")
        Duration purgeInterval();
    }
}
