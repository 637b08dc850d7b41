-- Compatibility profiles: the calls systems already make to today's LGSPs, accepted unchanged,
-- opt-in per consumer system (admins enable them), and the addresses owners give their services
-- in those conventions (a WSO2 API context; a finance-sector RECEIVER_CODE + TRAN_CODE pair).

CREATE TABLE compat_profile (
    system_id          uuid PRIMARY KEY REFERENCES information_system (id) ON DELETE CASCADE,
    lgsp_access_token  boolean NOT NULL,
    wso2               boolean NOT NULL,
    finance_headers    boolean NOT NULL,
    envelope           boolean NOT NULL,
    -- The agency code (e.g. 0.0.H30) an lgspaccesstoken's PartnerCode must name.
    partner_code       text CHECK (partner_code ~ '^[A-Za-z0-9]+(\.[A-Za-z0-9]+){0,5}$' AND length(partner_code) <= 40),
    -- The code the system sends as SENDER_CODE and is addressed by as RECEIVER_CODE; null: its system code.
    finance_code       text CHECK (finance_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    updated_by         text NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE UNIQUE INDEX compat_profile_finance_code ON compat_profile (upper(finance_code));

CREATE TABLE compat_address (
    system_id     uuid NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    service_code  text NOT NULL,
    context       text CHECK (context ~ '^[A-Za-z][A-Za-z0-9_-]{0,62}$'),
    tran_code     text CHECK (tran_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (system_id, service_code),
    CHECK (context IS NOT NULL OR tran_code IS NOT NULL)
);
CREATE UNIQUE INDEX compat_address_context ON compat_address (lower(context));
CREATE UNIQUE INDEX compat_address_tran_code ON compat_address (system_id, upper(tran_code));

CREATE TRIGGER compat_profile_changed AFTER INSERT OR UPDATE OR DELETE ON compat_profile
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();
CREATE TRIGGER compat_address_changed AFTER INSERT OR UPDATE OR DELETE ON compat_address
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();

-- Which client convention a routed call used (null: the hub's own API).
ALTER TABLE ledger_entry ADD COLUMN client_profile text;

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
       e.correlation_id,
       e.client_profile
FROM ledger_entry e
LEFT JOIN ledger_completion c
       ON c.received_day = e.received_day AND c.consumer_code = e.consumer_code AND c.transaction_id = e.transaction_id;
