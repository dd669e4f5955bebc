-- +goose Up
-- The options chosen for a line of food ("Flavour: Sweet", "Extra
-- butter"), copied as sold; unit_price_minor already includes their
-- prices. The same item and size with other options is another line.
ALTER TABLE booking.booking_items ADD COLUMN options text[] NOT NULL DEFAULT '{}';
DROP INDEX booking.booking_items_line_idx;
CREATE UNIQUE INDEX booking_items_line_idx ON booking.booking_items (booking_id, menu_item_id, variant, options);

-- +goose Down
DROP INDEX booking.booking_items_line_idx;
ALTER TABLE booking.booking_items DROP COLUMN options;
CREATE UNIQUE INDEX booking_items_line_idx ON booking.booking_items (booking_id, menu_item_id, variant);
