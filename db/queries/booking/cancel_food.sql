-- Cancelling food lines of a confirmed booking (see 00055).

-- name: FoodCancellableLines :many
-- The food of a booking that can still be cancelled: its own lines and
-- those of its paid food orders, not collected, not refunded, oldest
-- first; order_id is the booking whose payment refunds the line.
SELECT i.id, i.booking_id AS order_id, i.menu_item_id, i.name, i.variant, i.options, i.qty,
       i.unit_price_minor, i.tax_minor
FROM booking.booking_items i
JOIN booking.bookings b ON b.id = i.booking_id
WHERE (i.booking_id = sqlc.arg(booking_id)
       OR i.booking_id IN (SELECT a.booking_id FROM booking.food_addons a WHERE a.parent_id = sqlc.arg(booking_id)))
  AND b.status = 'confirmed' AND i.collected_at IS NULL AND NOT i.refunded
ORDER BY i.id;

-- name: BookingCancellationNext :one
-- The number of a booking's next partial cancellation, counting those
-- that took seats and those that took food.
SELECT (greatest(
    (SELECT coalesce(max(n), 0) FROM booking.booking_seat_cancellations s WHERE s.booking_id = sqlc.arg(booking_id)),
    (SELECT coalesce(max(n), 0) FROM booking.booking_item_cancellations c WHERE c.booking_id = sqlc.arg(booking_id))
) + 1)::integer AS n;

-- name: BookingItemTakeSome :one
-- Takes qty units off a line still to serve, with its share of the
-- line's tax; no row when the line has fewer units left (a racing
-- cancellation took them) or was collected.
UPDATE booking.booking_items
SET qty = qty - sqlc.arg(qty)::integer, tax_minor = tax_minor - sqlc.arg(tax)::bigint
WHERE id = sqlc.arg(id) AND booking_id = sqlc.arg(order_id) AND qty > sqlc.arg(qty)::integer
  AND collected_at IS NULL AND NOT refunded
RETURNING *;

-- name: BookingItemTakeAll :one
-- Removes a line still to serve whose every unit is cancelled; no row
-- when it no longer has exactly qty units.
DELETE FROM booking.booking_items
WHERE id = sqlc.arg(id) AND booking_id = sqlc.arg(order_id) AND qty = sqlc.arg(qty)::integer
  AND collected_at IS NULL AND NOT refunded
RETURNING *;

-- name: BookingItemCancellationInsert :exec
INSERT INTO booking.booking_item_cancellations (booking_id, order_id, n, item_id, menu_item_id, name, variant,
    options, qty, unit_price_minor, tax_minor, refund_minor, refund_key)
VALUES (sqlc.arg(booking_id), sqlc.arg(order_id), sqlc.arg(n), sqlc.arg(item_id), sqlc.arg(menu_item_id),
    sqlc.arg(name), sqlc.arg(variant), sqlc.arg(options), sqlc.arg(qty), sqlc.arg(unit_price_minor),
    sqlc.arg(tax_minor), sqlc.arg(refund_minor), sqlc.arg(refund_key));

-- name: BookingItemCancellationList :many
-- The food cancelled from a booking, by cancellation.
SELECT * FROM booking.booking_item_cancellations WHERE booking_id = $1 ORDER BY n, id;

-- name: BookingFoodRefundLower :one
-- Lowers a confirmed booking's (or food order's) total by the food
-- refunded from its payment.
UPDATE booking.bookings SET total_minor = total_minor - sqlc.arg(refund), updated_at = now()
WHERE id = sqlc.arg(id) AND status = 'confirmed' AND total_minor >= sqlc.arg(refund)
RETURNING *;
