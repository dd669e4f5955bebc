-- +goose Up
-- Chains (cinema organisations) own theaters. A chain's policy overrides
-- the site's defaults where it is set (NULL: the site's CANCEL_WINDOW,
-- CANCEL_FEE and PRICING apply); its brand colour and note appear on its
-- tickets and in its emails.
CREATE TABLE catalog.chains (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug                  text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    brand_color           text        NOT NULL DEFAULT '#b4232a' CHECK (brand_color ~ '^#[0-9a-f]{6}$'),
    ticket_note           text        NOT NULL DEFAULT '' CHECK (length(ticket_note) <= 280),
    cancel_window_minutes integer     CHECK (cancel_window_minutes BETWEEN 0 AND 20160),
    cancel_fee_minor      bigint      CHECK (cancel_fee_minor BETWEEN 0 AND 100000000),
    booking_fee_minor     bigint      CHECK (booking_fee_minor BETWEEN 0 AND 100000000),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Theaters that existed before chains belong to one chain of independents.
INSERT INTO catalog.chains (slug, name) VALUES ('independent', 'Independent cinemas');
ALTER TABLE catalog.theaters ADD COLUMN chain_id bigint REFERENCES catalog.chains (id);
UPDATE catalog.theaters SET chain_id = (SELECT id FROM catalog.chains WHERE slug = 'independent');
ALTER TABLE catalog.theaters ALTER COLUMN chain_id SET NOT NULL;
CREATE INDEX theaters_chain_idx ON catalog.theaters (chain_id);

-- +goose Down
ALTER TABLE catalog.theaters DROP COLUMN chain_id;
DROP TABLE catalog.chains;
