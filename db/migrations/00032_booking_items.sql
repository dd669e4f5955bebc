-- +goose Up
-- Food and drink bought with a booking, copied from the menu when chosen
-- (name, variant, prices) so later menu changes never alter a sale.
-- unit_price_minor is before tax; tax_minor is the tax of the whole line.
-- collected_at is set when the counter hands the order over; refunded
-- when the booking was cancelled with the item uncollected.
CREATE TABLE booking.booking_items (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id       bigint      NOT NULL REFERENCES booking.bookings (id),
    menu_item_id     bigint      NOT NULL,
    name             text        NOT NULL,
    variant          text        NOT NULL DEFAULT '',
    qty              integer     NOT NULL CHECK (qty BETWEEN 1 AND 20),
    unit_price_minor bigint      NOT NULL CHECK (unit_price_minor >= 0),
    tax_minor        bigint      NOT NULL CHECK (tax_minor >= 0),
    collected_at     timestamptz,
    refunded         boolean     NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX booking_items_line_idx ON booking.booking_items (booking_id, menu_item_id, variant);

-- +goose Down
DROP TABLE booking.booking_items;
