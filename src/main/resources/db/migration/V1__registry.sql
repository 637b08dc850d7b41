-- Registry of information systems, their endpoints and shared services; the official catalogue;
-- the transactional outbox that publishes registry changes to Kafka after commit.

CREATE TABLE catalogue_entry (
    id              text PRIMARY KEY,               -- C01..C24 central, P01..P12 provincial
    code            text NOT NULL UNIQUE,
    scope           text NOT NULL CHECK (scope IN ('central', 'provincial', 'commune')),
    name_vi         text NOT NULL,
    name_en         text NOT NULL,
    owner_vi        text,
    owner_en        text,
    listed_status   text NOT NULL CHECK (listed_status IN ('connected', 'not-connected')),
    position        int  NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE information_system (
    id              uuid PRIMARY KEY,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(code) <= 63),
    name_vi         text NOT NULL,
    name_en         text NOT NULL,
    owning_agency   text NOT NULL,
    owner_org       text,                          -- tenant: the organisation whose owners manage it
    scope           text NOT NULL CHECK (scope IN ('central', 'provincial', 'commune')),
    security_level  smallint NOT NULL CHECK (security_level BETWEEN 1 AND 5),
    contact_name    text,
    contact_email   text,
    contact_phone   text,
    description     text,
    status          text NOT NULL CHECK (status IN ('draft', 'pending_approval', 'active', 'suspended', 'retired')),
    status_changed_at timestamptz NOT NULL,
    catalogue_id    text UNIQUE REFERENCES catalogue_entry (id),
    version         int NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX information_system_scope_status ON information_system (scope, status, code);
CREATE INDEX information_system_status ON information_system (status, code);

CREATE TABLE endpoint (
    id                  uuid PRIMARY KEY,
    system_id           uuid NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    code                text NOT NULL CHECK (code ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(code) <= 63),
    connector_type      text NOT NULL,
    address             text NOT NULL,
    connect_timeout_ms  int NOT NULL,
    request_timeout_ms  int NOT NULL,
    tls                 jsonb NOT NULL,             -- non-secret TLS settings
    auth_type           text NOT NULL,
    auth_params         jsonb NOT NULL,             -- non-secret auth parameters
    options             jsonb NOT NULL,
    secret_ciphertext   bytea,                      -- AES-GCM; write-only through the API
    secret_updated_at   timestamptz,
    client_key_ciphertext bytea,                    -- mutual-TLS private key, AES-GCM
    version             int NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (system_id, code)
);

CREATE TABLE shared_service (
    id                  uuid PRIMARY KEY,
    system_id           uuid NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    code                text NOT NULL CHECK (code ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(code) <= 63),
    version             text NOT NULL CHECK (version ~ '^v?[0-9]+(\.[0-9]+){0,2}$'),
    name                text NOT NULL,
    description         text,
    endpoint_id         uuid NOT NULL REFERENCES endpoint (id),
    kind                text NOT NULL CHECK (kind IN ('rest', 'soap')),
    http_method         text,
    path_pattern        text,
    soap_operation      text,
    soap_action         text,
    data_classification text NOT NULL CHECK (data_classification IN ('public', 'internal', 'personal')),
    max_request_bytes   bigint NOT NULL CHECK (max_request_bytes > 0),
    max_response_bytes  bigint NOT NULL CHECK (max_response_bytes > 0),
    retry_attempts      int NOT NULL CHECK (retry_attempts BETWEEN 0 AND 5),
    options             jsonb NOT NULL,
    status              text NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
    status_changed_at   timestamptz NOT NULL,
    revision            int NOT NULL,               -- optimistic-concurrency counter (the ETag)
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (system_id, code, version)
);
CREATE INDEX shared_service_endpoint ON shared_service (endpoint_id);

CREATE TABLE service_document (
    service_id  uuid PRIMARY KEY REFERENCES shared_service (id) ON DELETE CASCADE,
    format      text NOT NULL CHECK (format IN ('openapi', 'wsdl')),
    media_type  text NOT NULL,
    content     bytea NOT NULL,
    sha256      text NOT NULL,
    uploaded_at timestamptz NOT NULL
);

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text NOT NULL,
    record_key  text,
    payload     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
