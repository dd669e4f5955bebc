-- +goose Up
-- The language a user reads the site in ('' until they choose one: the
-- switcher's cookie or Accept-Language decide then). Distinct from
-- preferred_languages, the languages of the films they like.
ALTER TABLE account.users
    ADD COLUMN lang text NOT NULL DEFAULT '' CHECK (lang IN ('', 'en', 'hi', 'es'));

-- +goose Down
ALTER TABLE account.users DROP COLUMN lang;
