-- name: BookingItemInsertWithOptions :exec
-- A line of food with the options chosen for it, as sold.
INSERT INTO booking.booking_items (booking_id, menu_item_id, name, variant, qty, unit_price_minor, tax_minor, options)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);
