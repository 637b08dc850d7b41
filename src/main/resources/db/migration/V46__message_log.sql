-- The signed message log (docs/message-log.md). One hash chain per hub instance: each record's
-- chain_sha256 = SHA-256(previous record's chain_sha256 || SHA-256(record)), so a record altered,
-- removed or reordered breaks every link after it. Append-only; the text in `record` is exactly
-- what was hashed (never re-serialised), so anyone can recompute it.
CREATE TABLE message_log (
    hub_instance    text NOT NULL,
    seq             bigint NOT NULL,
    transaction_id  text NOT NULL,
    logged_at       timestamptz NOT NULL,
    record          text NOT NULL,
    record_sha256   bytea NOT NULL,
    chain_sha256    bytea NOT NULL,
    PRIMARY KEY (hub_instance, seq)
);
CREATE INDEX message_log_transaction ON message_log (transaction_id);
CREATE INDEX message_log_logged_brin ON message_log USING brin (logged_at);

-- Every N records or T seconds the head of an instance's chain is signed with the hub's key
-- (and time-stamped where a time-stamp authority is configured); `body` is the signed text.
CREATE TABLE message_log_checkpoint (
    hub_instance    text NOT NULL,
    last_seq        bigint NOT NULL,
    first_seq       bigint NOT NULL,
    created_at      timestamptz NOT NULL,
    body            text NOT NULL,
    signature_alg   text NOT NULL,
    signature       bytea NOT NULL,
    certificates    bytea[] NOT NULL,   -- the signer's certificate first, DER
    time_stamp      bytea,              -- RFC 3161 token over SHA-256(signature), DER
    PRIMARY KEY (hub_instance, last_seq)
);
