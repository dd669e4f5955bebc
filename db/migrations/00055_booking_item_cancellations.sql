-- +goose Up
-- Cancelling food lines of a confirmed booking (a quantity per line),
-- with or without some of its seats. The cancelled units leave the line
-- in booking.booking_items (its qty and tax drop; a line cancelled whole
-- is deleted), so the kitchen, the e-ticket and the receipt see only the
-- food still to serve; the units land here with what they cost and what
-- was refunded. order_id is the booking whose payment refunds them: the
-- booking itself, or the food order (booking.food_addons) the line was
-- bought in afterwards. n is the booking's n-th partial cancellation,
-- numbered with its cancelled seats (booking_seat_cancellations).
CREATE TABLE booking.booking_item_cancellations (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id       bigint      NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    order_id         bigint      NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    n                integer     NOT NULL CHECK (n > 0),
    -- The booking_items line (gone once cancelled whole), as sold.
    item_id          bigint      NOT NULL,
    menu_item_id     bigint      NOT NULL,
    name             text        NOT NULL,
    variant          text        NOT NULL DEFAULT '',
    options          text[]      NOT NULL DEFAULT '{}',
    qty              integer     NOT NULL CHECK (qty > 0),
    unit_price_minor bigint      NOT NULL CHECK (unit_price_minor >= 0),
    tax_minor        bigint      NOT NULL CHECK (tax_minor >= 0),
    refund_minor     bigint      NOT NULL CHECK (refund_minor >= 0),
    refund_key       text        NOT NULL,
    cancelled_at     timestamptz NOT NULL DEFAULT now(),
    -- One row per line per cancellation.
    UNIQUE (booking_id, n, item_id)
);
CREATE INDEX booking_item_cancellations_order_idx ON booking.booking_item_cancellations (order_id);

-- +goose Down
DROP TABLE booking.booking_item_cancellations;
