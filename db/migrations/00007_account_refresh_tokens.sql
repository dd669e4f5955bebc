-- +goose Up
-- Refresh tokens of the JSON API, rotated on every use. Tokens issued from
-- one sign-in form a family: presenting a used token again (a sign it was
-- stolen) revokes the whole family.
CREATE TABLE account.refresh_tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    family     bigint      NOT NULL,
    user_id    bigint      NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON account.refresh_tokens (family);
CREATE SEQUENCE account.refresh_token_family_seq;

-- +goose Down
DROP SEQUENCE account.refresh_token_family_seq;
DROP TABLE account.refresh_tokens;
