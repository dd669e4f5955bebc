-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE account.users (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email             citext      NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- argon2id in PHC string form; NULL for accounts that only sign in
    -- through single sign-on.
    password_hash     text,
    role              text        NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'staff', 'admin')),
    phone             text        NOT NULL DEFAULT '',
    email_verified_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE account.users;
DROP EXTENSION IF EXISTS citext;
