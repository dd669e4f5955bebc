-- +goose Up
-- Partial cancellation: a buyer gives back some seats of a confirmed
-- booking. A cancelled seat's row moves here from booking.booking_seats
-- (so everything that lists a booking's seats, the e-ticket, the door and
-- the admissions count, sees only the seats still held), with what it
-- cost and what was refunded. The booking's own amounts are lowered in
-- the same transaction. UNIQUE (booking_id, seat): a seat of a booking is
-- cancelled, and refunded, at most once.
CREATE TABLE booking.booking_seat_cancellations (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id        bigint      NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    -- The booking's n-th partial cancellation (1, 2, ...); its refund's
    -- idempotency key is refund_key, "cancel-seats:<booking>:<n>".
    n                 integer     NOT NULL CHECK (n > 0),
    show_id           bigint      NOT NULL,
    seat              text        NOT NULL,
    category          text        NOT NULL,
    ticket_type_name  text        NOT NULL DEFAULT '',
    price_minor       bigint      NOT NULL CHECK (price_minor >= 0),
    -- The seat's shares of the booking's fee, tax and discount.
    fee_minor         bigint      NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
    tax_minor         bigint      NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
    discount_minor    bigint      NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
    -- The seat's share of the chain's cancellation fee, kept by the cinema.
    cancel_fee_minor  bigint      NOT NULL DEFAULT 0 CHECK (cancel_fee_minor >= 0),
    refund_minor      bigint      NOT NULL CHECK (refund_minor >= 0),
    refund_key        text        NOT NULL,
    cancelled_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (booking_id, seat)
);

-- +goose Down
DROP TABLE booking.booking_seat_cancellations;
