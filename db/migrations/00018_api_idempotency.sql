-- +goose Up
-- The API's Idempotency-Key store (internal/platform/idempotency): the first
-- answer to each unsafe request sent with a key, per caller, kept 24 hours
-- so a retry gets that answer instead of doing the work again.
CREATE SCHEMA api;

CREATE TABLE api.idempotency_keys (
    -- The caller the key belongs to ("user:42", "key:7"): two callers'
    -- keys never meet.
    scope       text        NOT NULL,
    key         text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    -- The request's fingerprint: the same key with another request is
    -- refused (idempotency_key_reused).
    method      text        NOT NULL,
    path        text        NOT NULL,
    body_sha256 bytea       NOT NULL,
    -- running: the first request is being handled (its claim); done: its
    -- answer is below. A claim whose answer was a 5xx is deleted, so a
    -- retry runs again.
    state       text        NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
    status      integer,
    -- The answer's replayed headers (Content-Type, Location, ...) as a
    -- JSON object of name to value.
    headers     jsonb,
    body        bytea,
    created_at  timestamptz NOT NULL,
    -- When the running request claimed the key: a claim far older than
    -- any request's deadline belongs to a process that died, and a retry
    -- takes it over.
    claimed_at  timestamptz NOT NULL,
    -- A random number naming the claim: only the request holding it may
    -- store its answer or let go of the key (not one whose stale claim was
    -- taken over).
    claim_token bigint      NOT NULL,
    PRIMARY KEY (scope, key),
    CHECK ((state = 'done') = (status IS NOT NULL AND headers IS NOT NULL AND body IS NOT NULL))
);
-- The prune job deletes keys older than 24 hours.
CREATE INDEX idempotency_keys_created_at_idx ON api.idempotency_keys (created_at);

-- +goose Down
DROP SCHEMA api CASCADE;
