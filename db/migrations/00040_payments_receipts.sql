-- +goose Up
-- Receipts, tax invoices and credit notes: the documents a buyer keeps for
-- a payment and for each refund of it.

-- Who sells, per chain (a catalogue id; 0 is the row for independent
-- cinemas and any chain without a row of its own): the legal name,
-- address and tax registration printed on its documents, and the prefix
-- of their numbers.
CREATE TABLE payments.receipt_sellers (
    chain_id      bigint      PRIMARY KEY CHECK (chain_id >= 0),
    legal_name    text        NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 120),
    address       text        NOT NULL DEFAULT '' CHECK (length(address) <= 300),
    tax_scheme    text        NOT NULL CHECK (tax_scheme IN ('gst', 'vat', 'none')),
    -- A GSTIN (15 characters) for gst, a VAT number for vat, '' for none.
    tax_id        text        NOT NULL DEFAULT '',
    -- The seller's GST state (two digits, "27" Maharashtra); '' otherwise.
    state_code    text        NOT NULL DEFAULT '' CHECK (state_code ~ '^([0-9]{2})?$'),
    series_prefix text        NOT NULL CHECK (series_prefix ~ '^[A-Z0-9]{2,8}$'),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The last number of each series, per chain and year. A document takes
-- its number by bumping its counter in the transaction that inserts it:
-- the row stays locked until commit, and a rollback gives the number back,
-- so a series has no gaps.
CREATE TABLE payments.receipt_counters (
    chain_id bigint  NOT NULL,
    year     integer NOT NULL,
    series   text    NOT NULL CHECK (series IN ('R', 'CN')),
    next     integer NOT NULL CHECK (next > 0),
    PRIMARY KEY (chain_id, year, series)
);

-- Each document as issued: lines, totals and both parties copied in, so
-- later changes to a seller or a booking never alter it. Amounts are minor
-- units of currency; a credit note's are negative.
CREATE TABLE payments.receipts (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain_id        bigint      NOT NULL,
    theater_id      bigint      NOT NULL,
    year            integer     NOT NULL,
    series          text        NOT NULL CHECK (series IN ('R', 'CN')),
    number          integer     NOT NULL CHECK (number > 0),
    display_number  text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('receipt', 'tax_invoice', 'credit_note')),
    payment_id      bigint      NOT NULL REFERENCES payments.payments (id),
    refund_id       bigint      UNIQUE REFERENCES payments.refunds (id),
    -- The document a credit note corrects.
    original_id     bigint      REFERENCES payments.receipts (id),
    booking_id      bigint      NOT NULL,
    booking_code    text        NOT NULL DEFAULT '',
    currency        text        NOT NULL,
    lines           jsonb       NOT NULL,
    net_minor       bigint      NOT NULL,
    tax_minor       bigint      NOT NULL,
    gross_minor     bigint      NOT NULL,
    tax_lines       jsonb       NOT NULL,
    seller_name     text        NOT NULL,
    seller_address  text        NOT NULL,
    seller_tax_id   text        NOT NULL,
    tax_scheme      text        NOT NULL,
    buyer_name      text        NOT NULL DEFAULT '',
    buyer_email     text        NOT NULL DEFAULT '',
    -- The GST state where the show is (two digits), '' outside GST.
    place_of_supply text        NOT NULL DEFAULT '',
    issued_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (chain_id, year, series, number),
    CHECK ((kind = 'credit_note') = (refund_id IS NOT NULL))
);
-- One receipt or tax invoice per payment (credit notes, one per refund,
-- are unique by refund_id).
CREATE UNIQUE INDEX receipts_payment_idx ON payments.receipts (payment_id) WHERE refund_id IS NULL;
CREATE INDEX receipts_booking_idx ON payments.receipts (booking_id, id);

-- +goose Down
DROP TABLE payments.receipts;
DROP TABLE payments.receipt_counters;
DROP TABLE payments.receipt_sellers;
