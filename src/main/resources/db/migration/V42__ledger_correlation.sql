-- Every forwarded call is its own row under an id the hub mints; the caller's own id, when it
-- sent one, is kept beside it so it can still be searched (and one caller id may name many rows).
-- Deliberately no index: every index is paid on each insert, and searches are bounded by day.
ALTER TABLE ledger_entry ADD COLUMN correlation_id text;

COMMENT ON COLUMN ledger_entry.transaction_id IS 'minted by the hub for each forwarded call (the primary key only absorbs the hub''s own replays)';
COMMENT ON COLUMN ledger_entry.correlation_id IS 'the caller''s X-Transaction-Id for the call, if it sent a valid one';

CREATE OR REPLACE VIEW ledger_transaction AS
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
       e.hub_instance,
       e.correlation_id
FROM ledger_entry e
LEFT JOIN ledger_completion c
       ON c.received_day = e.received_day AND c.consumer_code = e.consumer_code AND c.transaction_id = e.transaction_id;
