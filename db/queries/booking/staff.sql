-- Staff pages and the door check-in.

-- name: StaffBookingListForUser :many
-- A customer's bookings in every state, newest first.
SELECT * FROM booking.bookings WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200;

-- name: StaffBookingListForShow :many
-- A show's bookings, leaving out holds that were marked expired, in the
-- order they were made.
SELECT * FROM booking.bookings WHERE show_id = $1 AND status <> 'expired' ORDER BY created_at, id LIMIT 2000;

-- name: BookingCheckIn :one
-- Lets a confirmed booking in, once: a second scan, or one racing this one
-- on another device, matches no row (the row lock makes the racer re-check
-- checked_in_at after the winner commits).
UPDATE booking.bookings SET checked_in_at = sqlc.arg(at)::timestamptz, updated_at = now()
WHERE id = sqlc.arg(id) AND status = 'confirmed' AND checked_in_at IS NULL
RETURNING checked_in_at;
