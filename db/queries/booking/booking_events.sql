-- name: BookingEventInsert :exec
INSERT INTO booking.booking_events (booking_id, status, note) VALUES ($1, $2, $3);

-- name: BookingEventList :many
SELECT * FROM booking.booking_events WHERE booking_id = $1 ORDER BY at, id;

-- name: BookingLastPaymentDeclined :many
-- The bookings among ids whose latest event is a failed payment attempt
-- (PaymentFailed's note), with no attempt started since.
SELECT last.booking_id FROM (
    SELECT DISTINCT ON (booking_id) booking_id, note FROM booking.booking_events
    WHERE booking_id = ANY(sqlc.arg(ids)::bigint[])
    ORDER BY booking_id, id DESC
) last
WHERE last.note LIKE 'payment failed:%';
