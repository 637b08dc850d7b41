-- Access grants (who may call which provider service) and change notification for the caches
-- that keep routing and grant checks off the database on the hot path.

CREATE TABLE access_grant (
    id                  uuid PRIMARY KEY,
    consumer_system_id  uuid NOT NULL REFERENCES information_system (id),
    provider_system_id  uuid NOT NULL REFERENCES information_system (id),
    service_code        text NOT NULL,
    purpose             text NOT NULL,
    status              text NOT NULL CHECK (status IN ('active', 'revoked')),
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL,
    revoked_at          timestamptz,
    revoked_reason      text,
    version             int NOT NULL,
    CHECK (consumer_system_id <> provider_system_id)
);
-- At most one live grant per consumer and provider service.
CREATE UNIQUE INDEX access_grant_one_active ON access_grant (consumer_system_id, provider_system_id, service_code)
    WHERE status = 'active';
CREATE INDEX access_grant_provider ON access_grant (provider_system_id, service_code);

-- Every committed change to what routing depends on is announced on channel lgsp_registry, so
-- every hub instance drops its caches within moments (NOTIFY is delivered at commit).
CREATE FUNCTION lgsp_notify_registry_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lgsp_registry', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER information_system_changed AFTER INSERT OR UPDATE OR DELETE ON information_system
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();
CREATE TRIGGER endpoint_changed AFTER INSERT OR UPDATE OR DELETE ON endpoint
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();
CREATE TRIGGER shared_service_changed AFTER INSERT OR UPDATE OR DELETE ON shared_service
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();
CREATE TRIGGER access_grant_changed AFTER INSERT OR UPDATE OR DELETE ON access_grant
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();
