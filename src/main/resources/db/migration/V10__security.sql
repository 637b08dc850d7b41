-- Security: the machine client that acts for a consumer system, the access-grant workflow
-- (request, approve or reject, revoke, expire; per-path restriction; quotas), the quota counters
-- shared by every hub instance, and the append-only, hash-chained audit trail.

-- The OAuth2 client id (token claim azp / client_id) that calls the sharing API as this system.
ALTER TABLE information_system ADD COLUMN client_id text UNIQUE
    CHECK (client_id IS NULL OR (length(client_id) BETWEEN 1 AND 255 AND client_id !~ '[[:cntrl:]]'));
CREATE INDEX information_system_owner_org ON information_system (owner_org, code);

-- Grants: a consumer's owner requests, the provider's owner approves or rejects.
ALTER TABLE access_grant DROP CONSTRAINT access_grant_status_check;
ALTER TABLE access_grant ADD CONSTRAINT access_grant_status_check
    CHECK (status IN ('requested', 'active', 'rejected', 'revoked', 'expired'));
ALTER TABLE access_grant
    ADD COLUMN requested_by      text,
    ADD COLUMN decided_by        text,
    ADD COLUMN decided_at        timestamptz,
    ADD COLUMN decision_reason   text,
    ADD COLUMN revoked_by        text,
    ADD COLUMN allowed_paths     text[],          -- null = every operation of the service
    ADD COLUMN requests_per_second int CHECK (requests_per_second IS NULL OR requests_per_second > 0),
    ADD COLUMN requests_per_day    int CHECK (requests_per_day IS NULL OR requests_per_day > 0);
DROP INDEX access_grant_one_active;
-- At most one open (requested or active) grant per consumer and provider service.
CREATE UNIQUE INDEX access_grant_one_open ON access_grant (consumer_system_id, provider_system_id, service_code)
    WHERE status IN ('requested', 'active');

-- Quota counters: one row per grant and window (a second or a UTC day). Hub instances lease
-- chunks of a window's budget with one atomic UPDATE ... RETURNING, so every instance together
-- never lets more than the limit through.
CREATE TABLE quota_window (
    grant_id     uuid NOT NULL REFERENCES access_grant (id) ON DELETE CASCADE,
    window_kind  text NOT NULL CHECK (window_kind IN ('second', 'day')),
    window_start bigint NOT NULL,                  -- epoch second, or epoch day
    used         int NOT NULL,
    PRIMARY KEY (grant_id, window_kind, window_start)
);

-- The audit trail (nhật ký truy vết): append-only, each entry's hash chains the previous one:
-- hash = sha256(prev_hash || canonical entry), computed by the hub (AuditLog) under a lock.
CREATE TABLE audit_log (
    seq          bigint PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    actor        text NOT NULL,                    -- token subject / client id, or 'hub'
    actor_roles  text NOT NULL,
    actor_org    text,
    source_ip    text,
    action       text NOT NULL,                    -- e.g. system.registered, grant.approved, access.denied
    outcome      text NOT NULL CHECK (outcome IN ('done', 'denied')),
    system_code  text,                             -- the system the entry concerns
    owner_org    text,                             -- its organisation, for owners' queries
    target       text,
    transaction_id text,
    details      text NOT NULL,                    -- JSON: before/after without secrets, or why denied
    prev_hash    text NOT NULL,
    hash         text NOT NULL
);
CREATE INDEX audit_log_system ON audit_log (system_code, seq);
CREATE INDEX audit_log_owner_org ON audit_log (owner_org, seq);
CREATE INDEX audit_log_occurred ON audit_log (occurred_at);

CREATE FUNCTION lgsp_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION lgsp_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_audit_append_only();

-- Leases up to `wanted` requests of a window's budget `lim`; returns how many were leased (0: used up).
CREATE FUNCTION lgsp_quota_lease(g uuid, kind text, win bigint, wanted int, lim int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    before int;
BEGIN
    INSERT INTO quota_window (grant_id, window_kind, window_start, used) VALUES (g, kind, win, 0)
        ON CONFLICT (grant_id, window_kind, window_start) DO NOTHING;
    SELECT used INTO before FROM quota_window
        WHERE grant_id = g AND window_kind = kind AND window_start = win FOR UPDATE;
    IF before >= lim THEN
        RETURN 0;
    END IF;
    UPDATE quota_window SET used = LEAST(before + wanted, lim)
        WHERE grant_id = g AND window_kind = kind AND window_start = win;
    RETURN LEAST(wanted, lim - before);
END;
$$;
