-- name: BookingSeatRetire :exec
-- The booking no longer holds its seats (expired, cancelled, failed).
UPDATE booking.booking_seats SET live = false WHERE booking_id = ANY(sqlc.arg(ids)::bigint[]) AND live;

-- name: BookingSeatList :many
SELECT * FROM booking.booking_seats WHERE booking_id = $1 ORDER BY seat;

-- name: BookingSeatLiveForShows :many
-- Seats sold or held for the given shows (catalogue layout edits ask).
SELECT DISTINCT seat FROM booking.booking_seats WHERE show_id = ANY(sqlc.arg(show_ids)::bigint[]) AND live;

-- name: BookingSeatRevive :exec
-- A booking whose hold ran out but whose seats are still free takes them back.
UPDATE booking.booking_seats SET live = true WHERE booking_id = $1 AND NOT live;

-- name: BookingSeatListForBookings :many
-- The seats of many bookings at once (the "My bookings" list).
SELECT booking_id, seat, category, price_minor, ticket_type_id, ticket_type_code, ticket_type_name,
    list_price_minor, proof_required, proof_note
FROM booking.booking_seats
WHERE booking_id = ANY(sqlc.arg(ids)::bigint[])
ORDER BY booking_id, seat;

-- name: BookingSeatSetTicketType :exec
-- Sells one seat of a held booking as a ticket type at price_minor; the
-- seat's full price is kept the first time a type changes it.
UPDATE booking.booking_seats SET
    list_price_minor = coalesce(list_price_minor, price_minor),
    price_minor = sqlc.arg(price_minor), ticket_type_id = sqlc.narg(ticket_type_id),
    ticket_type_code = sqlc.arg(ticket_type_code), ticket_type_name = sqlc.arg(ticket_type_name),
    proof_required = sqlc.arg(proof_required), proof_note = sqlc.arg(proof_note)
WHERE booking_id = sqlc.arg(booking_id) AND seat = sqlc.arg(seat);
