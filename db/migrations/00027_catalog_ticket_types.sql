-- +goose Up
-- Ticket types (Adult, Child, Senior, ...) a chain sells at all its
-- theaters (theater_id NULL) or a theater sells instead of its chain's
-- list. A type's price is a percentage of the seat's price, or a fixed
-- price for a seat category where one is set (fixed_prices maps a
-- category to minor units). Time rules narrow when it is offered: days of
-- the week (0 = Sunday; empty = every day) and a daypart (matinee: starts
-- before 17:00 local time; evening: from 17:00). A chain without types of
-- its own sells one built-in Adult type at the full price.
CREATE TABLE catalog.ticket_types (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain_id          bigint      NOT NULL REFERENCES catalog.chains (id),
    theater_id        bigint      REFERENCES catalog.theaters (id),
    code              text        NOT NULL CHECK (code ~ '^[A-Z0-9_]{1,20}$'),
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    sort_order        integer     NOT NULL DEFAULT 0 CHECK (sort_order BETWEEN 0 AND 999),
    active            boolean     NOT NULL DEFAULT true,
    percent           integer     NOT NULL DEFAULT 100 CHECK (percent BETWEEN 0 AND 200),
    fixed_prices      jsonb       NOT NULL DEFAULT '{}',
    days              smallint[]  NOT NULL DEFAULT '{}',
    daypart           text        NOT NULL DEFAULT 'any' CHECK (daypart IN ('any', 'matinee', 'evening')),
    max_certification text        NOT NULL DEFAULT '' CHECK (length(max_certification) <= 10),
    age_note          text        NOT NULL DEFAULT '' CHECK (length(age_note) <= 60),
    proof_required    boolean     NOT NULL DEFAULT false,
    proof_note        text        NOT NULL DEFAULT '' CHECK (length(proof_note) <= 140),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ticket_types_code_idx ON catalog.ticket_types (chain_id, coalesce(theater_id, 0), code);
CREATE INDEX ticket_types_theater_idx ON catalog.ticket_types (theater_id) WHERE theater_id IS NOT NULL;

-- +goose Down
DROP TABLE catalog.ticket_types;
