-- +goose Up
-- Gift cards bought on the site: an order is paid through the same
-- payments as a booking, and the card is issued in the transaction that
-- records the payment's success (its code emailed, never stored). An
-- order's payments carry its id negated as their booking id, so attempts,
-- locks, tries, refunds and receipts work for both alike and never meet a
-- booking's (whose ids are positive).
CREATE TABLE payments.gift_card_orders (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint      NOT NULL,
    -- The chain the card may be spent at, and the city it was bought for
    -- (the ways to pay offered are that city's and chain's).
    chain_id        bigint      NOT NULL,
    city_slug       text        NOT NULL,
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
    recipient_name  text        NOT NULL DEFAULT '' CHECK (length(recipient_name) <= 400),
    recipient_email text        NOT NULL DEFAULT '' CHECK (length(recipient_email) <= 254),
    message         text        NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
    lang            text        NOT NULL DEFAULT '',
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'paid', 'failed', 'refunded')),
    card_id         bigint REFERENCES payments.gift_cards (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    paid_at         timestamptz,
    CHECK ((state IN ('paid', 'refunded')) = (card_id IS NOT NULL))
);
CREATE INDEX gift_card_orders_user_idx ON payments.gift_card_orders (user_id, id DESC);

-- +goose Down
DROP TABLE payments.gift_card_orders;
