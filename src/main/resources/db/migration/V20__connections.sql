-- Connection report: owner-registered probes of endpoints (with the cluster-wide lease that makes
-- one hub instance run each probe once per interval), probe history for trend charts, the
-- settled connection status of every catalogue entry and the history of its changes.

CREATE TABLE endpoint_probe (
    endpoint_id          uuid PRIMARY KEY REFERENCES endpoint (id) ON DELETE CASCADE,
    target               text NOT NULL,              -- '/health', '/?wsdl', a SOAP operation ...
    interval_seconds     int NOT NULL CHECK (interval_seconds BETWEEN 1 AND 3600),
    timeout_ms           int NOT NULL CHECK (timeout_ms BETWEEN 100 AND 60000),
    -- The lease: an instance claims a due probe by moving next_probe_at past the probe's timeout
    -- in one UPDATE, so no other instance takes it; the result then sets the real next time.
    next_probe_at        timestamptz NOT NULL,
    claimed_by           text,
    claimed_at           timestamptz,
    consecutive_failures int NOT NULL DEFAULT 0,
    failing_since        timestamptz,                -- first failure of the current failure streak
    last_at              timestamptz,
    last_up              boolean,
    last_up_at           timestamptz,
    last_duration_ms     int,
    last_detail          text,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX endpoint_probe_due ON endpoint_probe (next_probe_at);

-- Not ledger transactions: probes never count as data sharing.
CREATE TABLE probe_result (
    id           bigserial PRIMARY KEY,
    endpoint_id  uuid NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL,
    up           boolean NOT NULL,
    duration_ms  int NOT NULL,
    detail       text,
    hub_instance text NOT NULL
);
CREATE INDEX probe_result_endpoint_at ON probe_result (endpoint_id, at);
CREATE INDEX probe_result_at ON probe_result (at);

-- The settled (hysteresis applied) status of each catalogue entry, and the status the evidence
-- currently points to while it has not yet held long enough to replace it.
CREATE TABLE connection_state (
    catalogue_id     text PRIMARY KEY REFERENCES catalogue_entry (id),
    status           text NOT NULL,
    since            timestamptz NOT NULL,
    cause            text,                           -- degraded: 'probe' or 'transactions'
    cause_since      timestamptz,
    pending_status   text,
    pending_since    timestamptz,
    pending_count    int NOT NULL DEFAULT 0,
    evaluated_at     timestamptz NOT NULL
);

CREATE TABLE connection_status_history (
    id            bigserial PRIMARY KEY,
    catalogue_id  text NOT NULL REFERENCES catalogue_entry (id),
    system_code   text,
    status        text NOT NULL CHECK (status IN ('not_registered', 'registered', 'connected', 'degraded', 'disconnected')),
    since         timestamptz NOT NULL,
    until         timestamptz,                       -- null: the current status
    cause         text,
    cause_since   timestamptz
);
CREATE INDEX connection_status_history_entry ON connection_status_history (catalogue_id, since);
CREATE UNIQUE INDEX connection_status_history_current ON connection_status_history (catalogue_id) WHERE until IS NULL;
