-- Daily rollups in the reports' time zone, kept in the same transaction as the hourly ones, so
-- a month of volume reads ~30 rows per key instead of ~720 (reports stay fast at any ledger size).
-- Reports read whole days here and the partial days at a period's edges from ledger_hourly.

CREATE TABLE ledger_daily (
    day              date NOT NULL,              -- a day in the zone of ledger_daily_zone
    provider_code    text NOT NULL,
    consumer_code    text NOT NULL,
    service_code     text NOT NULL,
    status_class     smallint NOT NULL,
    imported         boolean NOT NULL,
    slot             smallint NOT NULL DEFAULT 0,
    transactions     bigint NOT NULL,
    failures         bigint NOT NULL,
    duration_us_sum  bigint NOT NULL,
    duration_us_max  bigint NOT NULL,
    request_bytes    bigint NOT NULL,
    response_bytes   bigint NOT NULL,
    latency_buckets  bigint[] NOT NULL,
    PRIMARY KEY (day, provider_code, consumer_code, service_code, status_class, imported, slot)
);
CREATE INDEX ledger_daily_provider ON ledger_daily (provider_code, day);

-- The zone ledger_daily's days are in; the hub rebuilds the table when its configured zone differs.
CREATE TABLE ledger_daily_zone (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    zone       text NOT NULL
);

CREATE FUNCTION lgsp_rebuild_daily(tz text) RETURNS void LANGUAGE sql AS $$
    DELETE FROM ledger_daily;
    INSERT INTO ledger_daily (day, provider_code, consumer_code, service_code, status_class, imported, slot, transactions,
                              failures, duration_us_sum, duration_us_max, request_bytes, response_bytes, latency_buckets)
    SELECT (hour AT TIME ZONE tz)::date, provider_code, consumer_code, service_code, status_class, imported, 0,
           sum(transactions), sum(failures), sum(duration_us_sum), max(duration_us_max), sum(request_bytes),
           sum(response_bytes), lgsp_sum_buckets(latency_buckets)
    FROM ledger_hourly GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO ledger_daily_zone (zone) VALUES (tz) ON CONFLICT (singleton) DO UPDATE SET zone = EXCLUDED.zone;
$$;

SELECT lgsp_rebuild_daily('Asia/Ho_Chi_Minh');
