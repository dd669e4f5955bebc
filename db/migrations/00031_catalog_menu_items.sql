-- +goose Up
-- A theater's menu of food and drink. Prices are before tax; tax_bp is
-- the item's tax rate in basis points (2000 = 20%). sizes lists the
-- item's variants as [{"name": "Large", "price_minor": 650}, ...]; an
-- empty list sells one size at price_minor. stock NULL is unlimited;
-- otherwise it is taken when a booking with the item is paid and given
-- back when an uncollected order is cancelled, never below zero.
CREATE TABLE catalog.menu_items (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    theater_id  bigint      NOT NULL REFERENCES catalog.theaters (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    description text        NOT NULL DEFAULT '' CHECK (length(description) <= 200),
    category    text        NOT NULL CHECK (category IN ('popcorn', 'drinks', 'snacks', 'combos', 'sweets', 'hot_food')),
    price_minor bigint      NOT NULL CHECK (price_minor >= 0),
    tax_bp      integer     NOT NULL DEFAULT 0 CHECK (tax_bp BETWEEN 0 AND 10000),
    sizes       jsonb       NOT NULL DEFAULT '[]',
    allergens   text[]      NOT NULL DEFAULT '{}',
    dietary     text[]      NOT NULL DEFAULT '{}',
    available   boolean     NOT NULL DEFAULT true,
    stock       integer     CHECK (stock >= 0),
    sort_order  integer     NOT NULL DEFAULT 0 CHECK (sort_order BETWEEN 0 AND 999),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX menu_items_name_idx ON catalog.menu_items (theater_id, lower(name));

-- +goose Down
DROP TABLE catalog.menu_items;
