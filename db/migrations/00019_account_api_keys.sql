-- +goose Up
-- Staff API keys for theater management systems. An admin creates a key
-- with scopes and, optionally, the theaters it may touch; the secret is
-- shown once and only its SHA-256 hash is kept. Theater ids are catalogue
-- ids (no foreign key across schemas); an empty list means every theater.
CREATE TABLE account.api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    key_hash     bytea       NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    scopes       text[]      NOT NULL CHECK (cardinality(scopes) > 0),
    theater_ids  bigint[]    NOT NULL DEFAULT '{}',
    created_by   bigint      REFERENCES account.users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- +goose Down
DROP TABLE account.api_keys;
