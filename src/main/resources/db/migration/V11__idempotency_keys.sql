-- Idempotency-Key records of POST requests: claimed before the request runs (status NULL while
-- it does), completed with the response to replay. Replay bodies are AES-GCM encrypted with a
-- key derived from the idempotency key and the request itself, so the table alone reveals no
-- response (sessions of registrations carry tokens).
CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    status          smallint,
    content_type    text,
    location        text,
    body            bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idx_idempotency_keys_expires_at ON idempotency_keys (expires_at);
