-- The transaction ledger: one row per data-sharing transaction, partitioned by day so old
-- detail can be dropped cheaply; hourly rollups kept exact in the same transaction as the rows
-- (and kept after retention drops the detail); imported historical totals live in the rollups.

CREATE TABLE ledger_entry (
    received_day     date NOT NULL,              -- UTC day of received_at: the partition key
    consumer_code    text NOT NULL,
    transaction_id   text NOT NULL,
    received_at      timestamptz NOT NULL,       -- request in
    provider_code    text NOT NULL,
    service_code     text NOT NULL,
    service_version  text,
    connector_type   text,
    http_method      text NOT NULL,
    path_pattern     text,                       -- the registered pattern, never the raw path
    request_out_at   timestamptz,                -- sent to the provider
    response_in_at   timestamptz,                -- provider's answer (head) received
    response_out_at  timestamptz,                -- answer fully sent to the caller (completion)
    duration_us      bigint NOT NULL,            -- request in -> answer decided
    request_bytes    bigint NOT NULL,
    response_bytes   bigint NOT NULL,
    status_code      int NOT NULL,
    success          boolean NOT NULL,
    error_code       text,
    fault            text,
    request_sha256   text,
    response_sha256  text,
    hub_instance     text NOT NULL,
    -- A caller that retries with the same transaction id is counted once (per day and caller).
    PRIMARY KEY (received_day, consumer_code, transaction_id)
) PARTITION BY RANGE (received_day);

CREATE TABLE ledger_entry_default PARTITION OF ledger_entry DEFAULT;

-- Few indexes on purpose: every one is paid on each insert. Searches are bounded by day
-- (partition pruning); per-provider recency (connection report) has its own index.
CREATE INDEX ledger_entry_provider ON ledger_entry (provider_code, received_at);

CREATE TABLE ledger_hourly (
    hour             timestamptz NOT NULL,
    provider_code    text NOT NULL,
    consumer_code    text NOT NULL,              -- '' for imported totals with no consumer breakdown
    service_code     text NOT NULL,              -- '' likewise
    status_class     smallint NOT NULL,          -- 2..5 from the status code; 0 for imported totals
    imported         boolean NOT NULL,
    -- Concurrent group commits add to different slots of a key, so they never wait on each
    -- other's row locks; reports sum over slots.
    slot             smallint NOT NULL DEFAULT 0,
    transactions     bigint NOT NULL,
    failures         bigint NOT NULL,
    duration_us_sum  bigint NOT NULL,
    duration_us_max  bigint NOT NULL,
    request_bytes    bigint NOT NULL,
    response_bytes   bigint NOT NULL,
    latency_buckets  bigint[] NOT NULL,          -- count per power-of-two bucket of duration_us
    PRIMARY KEY (hour, provider_code, consumer_code, service_code, status_class, imported, slot)
);
CREATE INDEX ledger_hourly_provider ON ledger_hourly (provider_code, hour);

-- Element-wise sum of two bucket arrays (rollup upserts).
CREATE FUNCTION lgsp_add_buckets(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), '{}')
    FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
$$;

CREATE TABLE ledger_import (
    id               uuid PRIMARY KEY,
    provider_code    text NOT NULL,
    period_start     timestamptz NOT NULL,
    period_end       timestamptz NOT NULL,
    transactions     bigint NOT NULL CHECK (transactions >= 0),
    failures         bigint NOT NULL CHECK (failures >= 0 AND failures <= transactions),
    note             text NOT NULL,
    imported_at      timestamptz NOT NULL,
    CHECK (period_end > period_start)
);

-- Sum of bucket arrays over rows (latency percentiles from rollups).
CREATE AGGREGATE lgsp_sum_buckets(bigint[]) (SFUNC = lgsp_add_buckets, STYPE = bigint[], INITCOND = '{}');
