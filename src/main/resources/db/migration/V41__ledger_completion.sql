-- When each answer finished streaming to the caller, written apart from the transaction's row and
-- append-only: updating the wide, indexed ledger row afterwards cost PostgreSQL more than the
-- insert itself (a new row version and new index entries per transaction).
CREATE TABLE ledger_completion (
    received_day     date NOT NULL,              -- as in ledger_entry: the partition key
    consumer_code    text NOT NULL,
    transaction_id   text NOT NULL,
    response_out_at  timestamptz NOT NULL,       -- answer fully sent (or cut off)
    response_bytes   bigint NOT NULL,            -- bytes actually sent
    delivered        boolean NOT NULL,           -- false: the answer was cut off mid-way
    response_sha256  text,                       -- when the service asks for digests
    PRIMARY KEY (received_day, consumer_code, transaction_id)
) PARTITION BY RANGE (received_day);

CREATE TABLE ledger_completion_default PARTITION OF ledger_completion DEFAULT;

-- A transaction as callers and operators see it: the row, completed. Rows written before this
-- migration carry their completion in ledger_entry itself.
CREATE VIEW ledger_transaction AS
SELECT e.received_day, e.consumer_code, e.transaction_id, e.received_at, e.provider_code, e.service_code,
       e.service_version, e.connector_type, e.http_method, e.path_pattern, e.request_out_at, e.response_in_at,
       coalesce(c.response_out_at, e.response_out_at) AS response_out_at,
       e.duration_us, e.request_bytes,
       coalesce(c.response_bytes, e.response_bytes) AS response_bytes,
       e.status_code,
       e.success AND coalesce(c.delivered, true) AS success,
       CASE WHEN e.success AND c.delivered = false THEN 'answer-cut-off' ELSE e.error_code END AS error_code,
       e.fault, e.request_sha256,
       coalesce(c.response_sha256, e.response_sha256) AS response_sha256,
       e.hub_instance
FROM ledger_entry e
LEFT JOIN ledger_completion c
       ON c.received_day = e.received_day AND c.consumer_code = e.consumer_code AND c.transaction_id = e.transaction_id;
