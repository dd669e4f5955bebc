-- name: BookingStartPayment :exec
-- The booking waits for its payment; its hold runs until expires_at.
UPDATE booking.bookings
SET status = 'pending_payment', hold_expires_at = sqlc.arg(expires_at), hold_extended = sqlc.arg(hold_extended), updated_at = now()
WHERE id = sqlc.arg(id);

-- name: ShowSeatExtendHold :exec
-- Moves the end of a booking's hold on its seats.
UPDATE booking.show_seats SET hold_expires_at = sqlc.arg(expires_at)
WHERE booking_id = sqlc.arg(booking_id) AND state = 'held';

-- name: BookingSetStatus :exec
UPDATE booking.bookings SET status = sqlc.arg(status), updated_at = now() WHERE id = sqlc.arg(id);

-- name: BookingMarkRefunded :exec
-- A booking whose payment came back in full.
UPDATE booking.bookings SET status = 'refunded', refund_minor = GREATEST(refund_minor, sqlc.arg(refund)), updated_at = now()
WHERE id = sqlc.arg(id);

-- name: BookingStatuses :many
SELECT id, status FROM booking.bookings WHERE id = ANY(sqlc.arg(ids)::bigint[]);
