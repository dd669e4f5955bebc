-- +goose Up
-- Gift cards sold at the box office. The card itself is the payments
-- module's (payments.gift_cards, issued in the same transaction as this
-- row, so a sale is recorded with its card or not at all); this is the
-- till's side of it: what was paid, how (cash or card on the counter
-- terminal), the cash handed over and the change, and who sold it. The
-- till's summary lists these apart from seat sales and its expected cash
-- counts the cash ones. form_token is the one-time token of the form that
-- sold it: a form sent twice sells one card.
CREATE TABLE booking.till_gift_cards (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    till_session_id bigint      NOT NULL REFERENCES booking.till_sessions (id),
    -- payments.gift_cards.id, a plain id across modules.
    gift_card_id    bigint      NOT NULL,
    card_last4      text        NOT NULL CHECK (length(card_last4) = 4),
    amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
    currency        text        NOT NULL CHECK (length(currency) = 3),
    method          text        NOT NULL CHECK (method IN ('cash', 'card')),
    tendered_minor  bigint,
    change_minor    bigint,
    form_token      text        NOT NULL CHECK (length(form_token) BETWEEN 16 AND 64),
    sold_by         bigint      NOT NULL,
    seller_name     text        NOT NULL DEFAULT '' CHECK (length(seller_name) <= 200),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT till_gift_cards_card_key UNIQUE (gift_card_id),
    CONSTRAINT till_gift_cards_form_token_key UNIQUE (form_token),
    -- Cash has what was handed over and the change; a card neither.
    CONSTRAINT till_gift_cards_cash CHECK ((method = 'cash') = (tendered_minor IS NOT NULL)
        AND (tendered_minor IS NULL) = (change_minor IS NULL)),
    CONSTRAINT till_gift_cards_change CHECK (tendered_minor IS NULL
        OR (tendered_minor >= amount_minor AND change_minor = tendered_minor - amount_minor))
);
CREATE INDEX till_gift_cards_till_idx ON booking.till_gift_cards (till_session_id, created_at);

-- +goose Down
DROP TABLE booking.till_gift_cards;
