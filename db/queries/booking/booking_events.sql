-- name: BookingEventInsert :exec
INSERT INTO booking.booking_events (booking_id, status, note) VALUES ($1, $2, $3);

-- name: BookingEventList :many
SELECT * FROM booking.booking_events WHERE booking_id = $1 ORDER BY at, id;
