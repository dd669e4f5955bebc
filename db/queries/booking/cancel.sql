-- Cancellations by the buyer, staff, or the cinema cancelling a show.

-- name: BookingCancel :one
-- Cancels a live booking, recording the refund and the reason; a booking
-- already cancelled, refunded or expired matches no row.
UPDATE booking.bookings
SET status = 'cancelled', cancelled_at = now(), updated_at = now(),
    refund_minor = sqlc.arg(refund), cancel_reason = sqlc.arg(reason)
WHERE id = sqlc.arg(id) AND status IN ('held', 'pending_payment', 'payment_failed', 'confirmed')
RETURNING *;

-- name: BookingLiveIDsForShow :many
-- Bookings of a show that still hold or own seats (show cancellation).
SELECT id FROM booking.bookings
WHERE show_id = $1 AND status IN ('held', 'pending_payment', 'payment_failed', 'confirmed')
ORDER BY id;

-- name: ShowSeatFree :execrows
-- Frees every seat a booking holds or bought.
UPDATE booking.show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL
WHERE booking_id = $1 AND state IN ('held', 'booked');
