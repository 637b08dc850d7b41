-- Fail closed: a call reaches its provider only once this row is committed, so nothing is ever
-- served unrecorded. The outcome is ledger_entry's row, committed before the answer is released;
-- a request row without one is a call whose outcome the hub never recorded (in flight, refused
-- because the outcome could not be written, or a hub stopped mid-call). Append-only and narrow:
-- it is paid on every forwarded call, so only the primary key and a BRIN index.
CREATE TABLE ledger_request (
    received_day     date NOT NULL,              -- as in ledger_entry: the partition key
    consumer_code    text NOT NULL,
    transaction_id   text NOT NULL,
    received_at      timestamptz NOT NULL,
    provider_code    text NOT NULL,
    service_code     text NOT NULL,
    service_version  text,
    connector_type   text,
    http_method      text NOT NULL,
    path_pattern     text,
    hub_instance     text NOT NULL,
    correlation_id   text,
    client_profile   text,
    PRIMARY KEY (received_day, consumer_code, transaction_id)
) PARTITION BY RANGE (received_day);

CREATE TABLE ledger_request_default PARTITION OF ledger_request DEFAULT;
CREATE INDEX ledger_request_received_brin ON ledger_request USING brin (received_at);

-- Partitions for the days ledger_entry already has, so requests never land in the default one.
DO $$
DECLARE
    part record;
BEGIN
    FOR part IN SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'ledger_entry'::regclass AND c.relname ~ '^ledger_entry_[0-9]{8}$'
    LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF ledger_request %s',
                       replace(part.relname, 'ledger_entry_', 'ledger_request_'), part.bound);
    END LOOP;
END $$;

-- A transaction as callers and operators see it. Success needs the answer delivered: a missing
-- completion (the hub stopped before writing it) no longer reads as delivered. Rows older than
-- V41 carry their completion in ledger_entry itself. Requests without an outcome are listed,
-- never as successes.
CREATE OR REPLACE VIEW ledger_transaction AS
SELECT e.received_day, e.consumer_code, e.transaction_id, e.received_at, e.provider_code, e.service_code,
       e.service_version, e.connector_type, e.http_method, e.path_pattern, e.request_out_at, e.response_in_at,
       coalesce(c.response_out_at, e.response_out_at) AS response_out_at,
       e.duration_us, e.request_bytes,
       coalesce(c.response_bytes, e.response_bytes) AS response_bytes,
       e.status_code,
       e.success AND coalesce(c.delivered, e.response_out_at IS NOT NULL) AS success,
       CASE WHEN e.success AND c.delivered = false THEN 'answer-cut-off'
            WHEN e.success AND c.delivered IS NULL AND e.response_out_at IS NULL THEN 'delivery-not-recorded'
            ELSE e.error_code END AS error_code,
       e.fault, e.request_sha256,
       coalesce(c.response_sha256, e.response_sha256) AS response_sha256,
       e.hub_instance,
       e.correlation_id,
       e.client_profile
FROM ledger_entry e
LEFT JOIN ledger_completion c
       ON c.received_day = e.received_day AND c.consumer_code = e.consumer_code AND c.transaction_id = e.transaction_id
UNION ALL
SELECT r.received_day, r.consumer_code, r.transaction_id, r.received_at, r.provider_code, r.service_code,
       r.service_version, r.connector_type, r.http_method, r.path_pattern, NULL::timestamptz, NULL::timestamptz,
       NULL::timestamptz, 0::bigint, 0::bigint, 0::bigint, NULL::int, false, 'outcome-not-recorded'::text,
       NULL::text, NULL::text, NULL::text, r.hub_instance, r.correlation_id, r.client_profile
FROM ledger_request r
WHERE NOT EXISTS (SELECT 1 FROM ledger_entry e
                  WHERE e.received_day = r.received_day AND e.consumer_code = r.consumer_code
                    AND e.transaction_id = r.transaction_id);
