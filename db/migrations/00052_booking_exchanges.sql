-- +goose Up
-- Exchanges: a buyer moves a confirmed booking to another show (same
-- movie, or any of the chain's shows when its policy allows). The booking
-- keeps its id, code, payment and food; its seats are swapped in the same
-- transaction that writes this row, so the history of a booking's shows
-- and seats is here. n numbers a booking's exchanges (UNIQUE: two racing
-- exchanges of one booking cannot both be recorded). difference_minor is
-- new_amount_minor - old_amount_minor: above zero the buyer paid it (by
-- payment_booking_id, the booking the difference was paid as), below zero
-- it was refunded under refund_key, "exchange:<booking>:<n>".
CREATE TABLE booking.booking_exchanges (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id         bigint      NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    n                  integer     NOT NULL CHECK (n > 0),
    -- plain ids of catalogue shows (no joins across modules)
    from_show_id       bigint      NOT NULL,
    to_show_id         bigint      NOT NULL,
    old_seats          text[]      NOT NULL CHECK (cardinality(old_seats) > 0),
    new_seats          text[]      NOT NULL,
    old_amount_minor   bigint      NOT NULL CHECK (old_amount_minor >= 0),
    new_amount_minor   bigint      NOT NULL CHECK (new_amount_minor >= 0),
    difference_minor   bigint      NOT NULL,
    refund_key         text,
    payment_booking_id bigint      REFERENCES booking.bookings (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (booking_id, n),
    CHECK (to_show_id <> from_show_id),
    CHECK (cardinality(new_seats) = cardinality(old_seats)),
    CHECK (difference_minor = new_amount_minor - old_amount_minor),
    CHECK ((difference_minor < 0) = (refund_key IS NOT NULL))
);

-- +goose Down
DROP TABLE booking.booking_exchanges;
