-- Archive files of closed days of the message log (docs/message-log.md): each part of a day holds
-- at most 5,000 records and starts with the SHA-256 of the part before it (the day's previous part,
-- or the last part of the previous day archived), so the files chain into each other. The digest
-- is kept so that a later export of the same part must reproduce it byte for byte.
CREATE TABLE message_log_archive (
    hub_instance  text NOT NULL,
    day           date NOT NULL,
    part          int NOT NULL,
    first_seq     bigint NOT NULL,
    last_seq      bigint NOT NULL,
    sha256        bytea NOT NULL,
    made_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub_instance, day, part)
);
