-- +goose Up
-- Money given back at the counter. A counter sale was never paid through
-- a payment provider, so cancelling it refunds it from a till: the staff
-- member's open till session, in the way it was paid (cash back for cash,
-- a card refund on the counter terminal, a voucher re-issued). The till's
-- cash-up subtracts its cash refunds from the cash it expects.
CREATE TABLE booking.till_refunds (
    booking_id      bigint      PRIMARY KEY REFERENCES booking.bookings (id),
    till_session_id bigint      NOT NULL REFERENCES booking.till_sessions (id),
    method          text        NOT NULL CHECK (method IN ('cash', 'card', 'voucher')),
    amount_minor    bigint      NOT NULL CHECK (amount_minor >= 0),
    refunded_by     bigint      NOT NULL,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX till_refunds_till_idx ON booking.till_refunds (till_session_id);

-- +goose Down
DROP TABLE booking.till_refunds;
