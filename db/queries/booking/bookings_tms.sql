-- name: BookingPageForShow :many
-- A page of a show's bookings for a theater management system, in the
-- order they were made, after the keyset position id (0: the first page).
-- Holds that ran out (expired, or held past their expiry) are left out,
-- as on the staff bookings page.
SELECT * FROM booking.bookings
WHERE show_id = sqlc.arg(show_id)
  AND id > sqlc.arg(after_id)::bigint
  AND id NOT IN (SELECT booking_id FROM booking.food_addons)
  AND id NOT IN (SELECT order_id FROM booking.exchange_orders)
  AND NOT (status = 'expired' OR (status = 'held' AND hold_expires_at <= sqlc.arg(now)::timestamptz))
ORDER BY id
LIMIT sqlc.arg(lim);
