-- name: AuditSeatSoldTwice :many
-- Seats of a show that more than one confirmed booking lists.
SELECT bs.show_id, bs.seat, array_agg(bs.booking_id ORDER BY bs.booking_id)::bigint[] AS booking_ids
FROM booking.booking_seats bs
JOIN booking.bookings b ON b.id = bs.booking_id
WHERE b.status = 'confirmed'
GROUP BY bs.show_id, bs.seat
HAVING count(*) > 1
ORDER BY bs.show_id, bs.seat;

-- name: AuditBookedSeatStray :many
-- Seats the seat map shows as booked for a booking that is not confirmed
-- or does not list the seat as live.
SELECT ss.show_id, ss.seat, coalesce(ss.booking_id, 0)::bigint AS booking_id, coalesce(b.status, 'missing')::text AS booking_status
FROM booking.show_seats ss
LEFT JOIN booking.bookings b ON b.id = ss.booking_id
WHERE ss.state = 'booked'
  AND (b.status IS DISTINCT FROM 'confirmed' OR NOT EXISTS (
      SELECT 1 FROM booking.booking_seats bs
      WHERE bs.booking_id = ss.booking_id AND bs.show_id = ss.show_id AND bs.seat = ss.seat AND bs.live))
ORDER BY ss.show_id, ss.seat;

-- name: AuditBookingSeatUnbooked :many
-- Seats of confirmed bookings that the seat map does not show as booked
-- for that booking.
SELECT bs.booking_id, bs.show_id, bs.seat, coalesce(ss.state, 'missing')::text AS seat_state,
       coalesce(ss.booking_id, 0)::bigint AS seat_booking_id
FROM booking.booking_seats bs
JOIN booking.bookings b ON b.id = bs.booking_id
LEFT JOIN booking.show_seats ss ON ss.show_id = bs.show_id AND ss.seat = bs.seat
WHERE b.status = 'confirmed'
  AND (ss.state IS DISTINCT FROM 'booked' OR ss.booking_id IS DISTINCT FROM bs.booking_id)
ORDER BY bs.booking_id, bs.seat;

-- name: AuditBookings :many
-- Every booking's money facts, for comparison with its payments.
SELECT id, status, total_minor, currency, updated_at, channel
FROM booking.bookings
ORDER BY id;
