-- +goose Up
-- Profile preferences (recommendations and notifications read them) and the
-- phone number sealed with AES-GCM (platform/sealer: "keyid.base64").
ALTER TABLE account.users DROP COLUMN phone;
ALTER TABLE account.users
    ADD COLUMN phone_sealed        text   NOT NULL DEFAULT '',
    ADD COLUMN home_city           text   NOT NULL DEFAULT '',
    ADD COLUMN preferred_languages text[] NOT NULL DEFAULT '{}',
    ADD COLUMN preferred_genres    text[] NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE account.users
    DROP COLUMN phone_sealed, DROP COLUMN home_city,
    DROP COLUMN preferred_languages, DROP COLUMN preferred_genres;
ALTER TABLE account.users ADD COLUMN phone text NOT NULL DEFAULT '';
