-- +goose Up
-- Gift cards: stored value bought for someone and spent on bookings. A
-- card's code is shown once, when it is issued; only its SHA-256 (of the
-- normalised code) and its last four characters are kept. Every change of
-- a balance is a ledger row, so the ledger of a card always sums to its
-- balance.
CREATE TABLE payments.gift_cards (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code_hash      bytea       NOT NULL UNIQUE CHECK (length(code_hash) = 32),
    code_last4     text        NOT NULL CHECK (length(code_last4) = 4),
    -- The chain the card may be spent at; NULL: every cinema. A plain id
    -- (catalog owns chains).
    chain_id       bigint,
    currency       text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    initial_minor  bigint      NOT NULL CHECK (initial_minor > 0),
    -- Money only ever comes back to a card from its own spending, so the
    -- balance never exceeds what it was issued with.
    balance_minor  bigint      NOT NULL CHECK (balance_minor >= 0 AND balance_minor <= initial_minor),
    expires_at     timestamptz NOT NULL,
    status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'void')),
    issued_by      text        NOT NULL,
    recipient_name  text       NOT NULL DEFAULT '',
    recipient_email text       NOT NULL DEFAULT '',
    message        text        NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gift_cards_last4_idx ON payments.gift_cards (code_last4);
CREATE INDEX gift_cards_chain_idx ON payments.gift_cards (chain_id, id DESC);

-- Every change to a card's balance (amount_minor: negative takes from it)
-- and the events that move none (capture): the sum of a card's rows is its
-- balance, and balance_after is the balance right after the row.
CREATE TABLE payments.gift_card_ledger (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id       bigint      NOT NULL REFERENCES payments.gift_cards (id),
    kind          text        NOT NULL CHECK (kind IN ('issue', 'hold', 'capture', 'release', 'refund', 'void', 'expire')),
    amount_minor  bigint      NOT NULL,
    balance_after bigint      NOT NULL CHECK (balance_after >= 0),
    booking_id    bigint,
    -- The refund request's idempotency key ("cancel:42") for kind refund.
    refund_key    text,
    actor         text        NOT NULL,
    note          text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gift_card_ledger_card_idx ON payments.gift_card_ledger (card_id, id);
-- One refund request gives money back to a card once.
CREATE UNIQUE INDEX gift_card_ledger_refund_idx ON payments.gift_card_ledger (card_id, refund_key) WHERE refund_key IS NOT NULL;

-- What a card pays towards a booking: held while the booking is being
-- paid for, captured once it is paid, released when it is not. One row
-- per card and booking.
CREATE TABLE payments.gift_card_redemptions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id        bigint      NOT NULL REFERENCES payments.gift_cards (id),
    booking_id     bigint      NOT NULL,
    amount_minor   bigint      NOT NULL CHECK (amount_minor > 0),
    refunded_minor bigint      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
    state          text        NOT NULL CHECK (state IN ('held', 'captured', 'released')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (booking_id, card_id)
);
CREATE INDEX gift_card_redemptions_card_idx ON payments.gift_card_redemptions (card_id) WHERE state = 'held';

-- +goose Down
DROP TABLE payments.gift_card_redemptions;
DROP TABLE payments.gift_card_ledger;
DROP TABLE payments.gift_cards;
