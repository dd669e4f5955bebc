-- name: BookingGet :one
SELECT * FROM booking.bookings WHERE id = $1;

-- name: BookingGetForUpdate :one
SELECT * FROM booking.bookings WHERE id = $1 FOR UPDATE;

-- name: BookingGetByCode :one
SELECT * FROM booking.bookings WHERE code = $1;

-- name: BookingExpireHeld :many
-- Marks the given bookings expired when they are still only held (their
-- seats are being taken by someone else after the hold ran out).
UPDATE booking.bookings SET status = 'expired', updated_at = now()
WHERE id = ANY(sqlc.arg(ids)::bigint[]) AND status IN ('held', 'pending_payment')
RETURNING id;

-- name: BookingListForUser :many
SELECT * FROM booking.bookings WHERE user_id = $1 AND status <> 'expired'
ORDER BY created_at DESC LIMIT 200;

-- name: BookingEventInsert :exec
INSERT INTO booking.booking_events (booking_id, status, note) VALUES ($1, $2, $3);

-- name: BookingEventList :many
SELECT * FROM booking.booking_events WHERE booking_id = $1 ORDER BY at, id;

-- name: BookingConfirm :exec
UPDATE booking.bookings SET status = 'confirmed', confirmed_at = now(), updated_at = now() WHERE id = $1;
