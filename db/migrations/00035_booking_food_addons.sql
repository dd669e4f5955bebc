-- +goose Up
-- Food ordered for a paid booking after its purchase. Each order is a
-- booking row of its own (no seats, no account: the parent's buyer owns
-- it) so it is paid through the same payments state machine, and its
-- items are booking_items of its own; this table ties it to the booking
-- it was added to.
CREATE TABLE booking.food_addons (
    booking_id bigint      PRIMARY KEY REFERENCES booking.bookings (id),
    parent_id  bigint      NOT NULL REFERENCES booking.bookings (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (booking_id <> parent_id)
);
CREATE INDEX food_addons_parent_idx ON booking.food_addons (parent_id, booking_id);

-- +goose Down
DROP TABLE booking.food_addons;
