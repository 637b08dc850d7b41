-- Asynchronous sharing (vn.lgsp.hub.events): event types declared by provider systems, the
-- publications (idempotency by provider and event id), subscriptions under an access grant,
-- per-subscription delivery status and the dead-letter store.

CREATE TABLE event_type (
    id                  uuid PRIMARY KEY,
    system_id           uuid NOT NULL REFERENCES information_system (id),
    name                text NOT NULL CHECK (name ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(name) <= 63),
    version             text NOT NULL CHECK (version ~ '^v?[0-9]+(\.[0-9]+){0,2}$'),
    description         text,
    payload_schema      jsonb NOT NULL,
    data_classification text NOT NULL CHECK (data_classification IN ('public', 'internal', 'personal')),
    topic               text NOT NULL,               -- one Kafka topic per (system, name), all versions
    created_at          timestamptz NOT NULL,
    UNIQUE (system_id, name, version)
);

-- One row per published event: a re-POST with the same event id finds it and gets the original
-- answer; the row is inserted in the same transaction that waits for Kafka's acknowledgement.
CREATE TABLE event_publication (
    provider_code    text NOT NULL,
    event_id         text NOT NULL,
    event_type       text NOT NULL,
    event_version    text NOT NULL,
    event_key        text NOT NULL,
    payload_sha256   text NOT NULL,
    topic            text NOT NULL,
    kafka_partition  int,
    kafka_offset     bigint,
    transaction_id   text NOT NULL,
    published_at     timestamptz NOT NULL,
    PRIMARY KEY (provider_code, event_id)
);
CREATE INDEX event_publication_event ON event_publication (event_id);

CREATE TABLE event_subscription (
    id                  uuid PRIMARY KEY,
    consumer_system_id  uuid NOT NULL REFERENCES information_system (id),
    provider_system_id  uuid NOT NULL REFERENCES information_system (id),
    event_type          text NOT NULL,
    mode                text NOT NULL CHECK (mode IN ('push', 'pull')),
    endpoint_code       text,                        -- push: an endpoint of the consumer system
    push_path           text,                        -- push: path below the endpoint's address
    secret_ciphertext   bytea,                       -- push: HMAC key, AES-GCM with the id as AAD
    max_attempts        int CHECK (max_attempts BETWEEN 1 AND 100),
    start_offsets       text NOT NULL,               -- partition:offset,... when it was created
    status              text NOT NULL CHECK (status IN ('active', 'deleted')),
    created_at          timestamptz NOT NULL,
    deleted_at          timestamptz,
    CHECK (mode = 'pull' OR (endpoint_code IS NOT NULL AND secret_ciphertext IS NOT NULL))
);
CREATE INDEX event_subscription_consumer ON event_subscription (consumer_system_id);

-- Delivery status of each event to each subscription (searchable by event id).
CREATE TABLE event_delivery (
    subscription_id   uuid NOT NULL REFERENCES event_subscription (id),
    provider_code     text NOT NULL,
    event_id          text NOT NULL,
    consumer_code     text NOT NULL,
    event_type        text NOT NULL,
    mode              text NOT NULL,
    status            text NOT NULL CHECK (status IN ('retrying', 'delivered', 'dead_lettered', 'pulled', 'replayed')),
    attempts          int NOT NULL,
    last_status_code  int,
    last_error        text,
    first_attempt_at  timestamptz NOT NULL,
    last_attempt_at   timestamptz NOT NULL,
    delivered_at      timestamptz,
    PRIMARY KEY (subscription_id, provider_code, event_id)
);
CREATE INDEX event_delivery_event ON event_delivery (event_id);

-- Events a subscriber kept refusing: kept with their payload so the owner can inspect and replay
-- them after the Kafka retention has dropped the record.
CREATE TABLE event_dead_letter (
    id                uuid PRIMARY KEY,
    subscription_id   uuid NOT NULL REFERENCES event_subscription (id),
    provider_code     text NOT NULL,
    event_id          text NOT NULL,
    event_type        text NOT NULL,
    event_key         text NOT NULL,
    topic             text NOT NULL,
    kafka_partition   int NOT NULL,
    kafka_offset      bigint NOT NULL,
    payload           text NOT NULL,
    attempts          int NOT NULL,
    last_status_code  int,
    last_error        text,
    dead_at           timestamptz NOT NULL,
    replayed_at       timestamptz,
    replay_count      int NOT NULL DEFAULT 0
);
CREATE INDEX event_dead_letter_subscription ON event_dead_letter (subscription_id, dead_at);

-- Every instance's caches (event types) and delivery workers (subscriptions) follow changes.
CREATE TRIGGER event_type_changed AFTER INSERT OR UPDATE OR DELETE ON event_type
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();
CREATE TRIGGER event_subscription_changed AFTER INSERT OR UPDATE OR DELETE ON event_subscription
    FOR EACH STATEMENT EXECUTE FUNCTION lgsp_notify_registry_change();
