-- +goose Up
-- Exchanges to dearer seats: the buyer pays the difference first. The
-- payment is for an order of its own (a booking row without account or
-- booking_seats, like a food order) whose hold keeps the new seats while
-- the buyer pays; the exchange itself is made in the payment's
-- transaction, when the order is confirmed. The booking's total then
-- grows by the difference, and refunds of the booking may take from the
-- order's payment (see booking_exchanges.payment_booking_id).
CREATE TABLE booking.exchange_orders (
    order_id         bigint      PRIMARY KEY REFERENCES booking.bookings (id) ON DELETE CASCADE,
    booking_id       bigint      NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    -- plain ids of catalogue shows (no joins across modules)
    from_show_id     bigint      NOT NULL,
    to_show_id       bigint      NOT NULL,
    old_seats        text[]      NOT NULL CHECK (cardinality(old_seats) > 0),
    new_seats        text[]      NOT NULL,
    old_amount_minor bigint      NOT NULL CHECK (old_amount_minor >= 0),
    new_amount_minor bigint      NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (order_id <> booking_id),
    CHECK (to_show_id <> from_show_id),
    CHECK (cardinality(new_seats) = cardinality(old_seats)),
    CHECK (new_amount_minor > old_amount_minor)
);
CREATE INDEX exchange_orders_booking ON booking.exchange_orders (booking_id);

-- +goose Down
DROP TABLE booking.exchange_orders;
