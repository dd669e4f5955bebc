-- name: BookingItemList :many
SELECT * FROM booking.booking_items WHERE booking_id = $1 ORDER BY id;

-- name: BookingItemListForBookings :many
SELECT * FROM booking.booking_items WHERE booking_id = ANY(sqlc.arg(ids)::bigint[]) ORDER BY booking_id, id;

-- name: BookingItemDeleteAll :exec
DELETE FROM booking.booking_items WHERE booking_id = $1;

-- name: BookingItemInsert :exec
INSERT INTO booking.booking_items (booking_id, menu_item_id, name, variant, qty, unit_price_minor, tax_minor)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: BookingItemCollect :execrows
-- Marks a booking's uncollected items collected; 0 rows when all were.
UPDATE booking.booking_items SET collected_at = now()
WHERE booking_id = $1 AND collected_at IS NULL AND NOT refunded;

-- name: BookingItemRefundUncollected :many
-- Marks a cancelled booking's uncollected items refunded and returns
-- them (their stock goes back).
UPDATE booking.booking_items SET refunded = true
WHERE booking_id = $1 AND collected_at IS NULL AND NOT refunded
RETURNING *;

-- name: BookingFoodOrders :many
-- Paid bookings with food at theater for shows in the window, for the
-- kitchen view. Food added later (food_addons) is its own order under its
-- booking's code, the one pickup code the buyer has.
SELECT b.id, coalesce(p.code, b.code)::text AS code, b.show_id, b.status
FROM booking.bookings b
LEFT JOIN booking.food_addons a ON a.booking_id = b.id
LEFT JOIN booking.bookings p ON p.id = a.parent_id
WHERE b.theater_id = sqlc.arg(theater_id) AND b.status = 'confirmed'
  AND b.show_id = ANY(sqlc.arg(show_ids)::bigint[])
  AND EXISTS (SELECT 1 FROM booking.booking_items i WHERE i.booking_id = b.id)
ORDER BY b.id;
