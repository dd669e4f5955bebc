-- +goose Up
-- Single sign-on identities (OpenID Connect): provider + subject -> user.
CREATE TABLE account.identities (
    provider   text        NOT NULL,
    subject    text        NOT NULL,
    user_id    bigint      NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
    email      citext      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX identities_user_idx ON account.identities (user_id);

-- +goose Down
DROP TABLE account.identities;
