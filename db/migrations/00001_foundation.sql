-- +goose Up
-- River keeps its job tables in a schema of its own; its migrations are applied
-- by rivermigrate right after goose's.
CREATE SCHEMA river;

-- The account module owns users, sessions and tokens.
CREATE SCHEMA account;

-- Web sessions (scs). The layout is the one scs stores expect.
CREATE TABLE account.sessions (
    token  text        PRIMARY KEY,
    data   bytea       NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON account.sessions (expiry);

-- +goose Down
DROP SCHEMA account CASCADE;
DROP SCHEMA river CASCADE;
