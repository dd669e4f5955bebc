-- +goose Up
-- Which payment methods (providers) the checkout offers, set by staff for
-- the whole site, a chain or a city. The most specific setting wins: a
-- city's, else the booking's chain's, else the site's; with none, every
-- provider the site has keys for. methods is in the order the pay page
-- shows them, the first being the one a new payment starts with.
CREATE TABLE payments.method_settings (
    scope      text        PRIMARY KEY CHECK (scope = 'default' OR scope ~ '^chain:[1-9][0-9]*$' OR scope ~ '^city:[a-z0-9-]+$'),
    methods    text[]      NOT NULL CHECK (cardinality(methods) BETWEEN 1 AND 8),
    updated_by text        NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE payments.method_settings;
