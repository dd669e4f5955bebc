-- +goose Up
-- Single-use tokens mailed to users (email verification, password reset,
-- email change). Only a hash is stored: a database leak reveals no link.
CREATE TABLE account.email_tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
    purpose    text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    token_hash bytea       NOT NULL UNIQUE,
    new_email  citext,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_tokens_user_idx ON account.email_tokens (user_id, purpose);

-- Which web session belongs to whom, so users can list and end their
-- sessions and a password reset can end them all. The scs row in
-- account.sessions holds the data; this one the facts a person recognises.
CREATE TABLE account.user_sessions (
    token      text        PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
    user_agent text        NOT NULL DEFAULT '',
    ip         text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_sessions_user_idx ON account.user_sessions (user_id);

-- +goose Down
DROP TABLE account.user_sessions;
DROP TABLE account.email_tokens;
