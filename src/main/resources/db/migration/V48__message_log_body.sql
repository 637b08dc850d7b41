-- Bodies kept as evidence (docs/message-log.md), only for services whose owner opted in with a
-- retention in days. Content is AES-256-GCM ciphertext bound to its transaction and part, under
-- the key named by key_id; a body over the size limit keeps only its digest in the message log and
-- a row saying why. Rows past expires_at are deleted by the hub.
ALTER TABLE shared_service ADD COLUMN body_retention_days int CHECK (body_retention_days BETWEEN 1 AND 3650);

CREATE TABLE message_log_body (
    transaction_id text NOT NULL,
    part           text NOT NULL CHECK (part IN ('request', 'response')),
    hub_instance   text NOT NULL,
    content_type   text,
    body_bytes     bigint NOT NULL,
    omitted        text CHECK (omitted IN ('too-large')),
    key_id         text,
    ciphertext     bytea,
    stored_at      timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (transaction_id, part),
    CHECK ((omitted IS NULL) = (ciphertext IS NOT NULL))
);
CREATE INDEX message_log_body_expiry ON message_log_body (expires_at);
