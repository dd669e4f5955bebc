-- name: ExchangeSeatLock :many
-- Locks, in one statement and in (show, seat) order, the seats a booking
-- has on its show and the seats it would move to on another show, so an
-- exchange never deadlocks with holds (which lock one show's seats in
-- seat order) or with another exchange. available: free, or a hold that
-- ran out.
SELECT ss.show_id, ss.seat, ss.category, ss.price_minor, ss.state, ss.booking_id,
       (ss.state = 'free' OR (ss.state = 'held' AND ss.hold_expires_at <= now()))::boolean AS available
FROM booking.show_seats ss
WHERE (ss.show_id = sqlc.arg(from_show_id)::bigint AND ss.booking_id = sqlc.arg(booking_id)::bigint)
   OR (ss.show_id = sqlc.arg(to_show_id)::bigint AND ss.seat = ANY(sqlc.arg(seats)::text[]))
ORDER BY ss.show_id, ss.seat
FOR UPDATE OF ss;

-- name: ExchangeSeatBook :execrows
-- Sells the locked, available seats of the new show to the booking.
UPDATE booking.show_seats SET state = 'booked', booking_id = sqlc.arg(booking_id)::bigint, hold_expires_at = NULL
WHERE show_id = sqlc.arg(show_id)::bigint AND seat = ANY(sqlc.arg(seats)::text[])
  AND (state = 'free' OR (state = 'held' AND hold_expires_at <= now()));

-- name: ExchangeBookingSeatInsert :execrows
-- Gives the booking its seats on the new show, at the new show's prices.
INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor)
SELECT sqlc.arg(booking_id)::bigint, ss.show_id, ss.seat, ss.category, ss.price_minor
FROM booking.show_seats ss
WHERE ss.show_id = sqlc.arg(show_id)::bigint AND ss.seat = ANY(sqlc.arg(seats)::text[]);

-- name: ExchangeBookingMove :one
-- Moves a confirmed booking to its new show: the subtotal becomes the new
-- seats' prices (food, fee, tax and discount stay), and the total moves
-- by the difference paid (> 0) or refunded (< 0).
UPDATE booking.bookings SET
    show_id = sqlc.arg(to_show_id)::bigint, theater_id = sqlc.arg(theater_id)::bigint,
    subtotal_minor = subtotal_minor + sqlc.arg(difference)::bigint,
    total_minor = total_minor + sqlc.arg(difference)::bigint,
    updated_at = now()
WHERE id = sqlc.arg(id)::bigint AND status = 'confirmed' AND show_id = sqlc.arg(from_show_id)::bigint
RETURNING *;

-- name: ExchangeInsert :one
INSERT INTO booking.booking_exchanges (booking_id, n, from_show_id, to_show_id, old_seats, new_seats,
    old_amount_minor, new_amount_minor, difference_minor, refund_key, payment_booking_id)
VALUES (sqlc.arg(booking_id), sqlc.arg(n), sqlc.arg(from_show_id), sqlc.arg(to_show_id), sqlc.arg(old_seats)::text[],
    sqlc.arg(new_seats)::text[], sqlc.arg(old_amount_minor), sqlc.arg(new_amount_minor), sqlc.arg(difference_minor),
    sqlc.narg(refund_key), sqlc.narg(payment_booking_id))
RETURNING *;

-- name: ExchangeCount :one
-- How many times a booking was exchanged (the next exchange is n + 1).
SELECT coalesce(max(n), 0)::integer FROM booking.booking_exchanges WHERE booking_id = $1;

-- name: ExchangeList :many
SELECT * FROM booking.booking_exchanges WHERE booking_id = $1 ORDER BY n;

-- name: ExchangeSeatSetTicket :exec
-- Sells a seat a booking (or an exchange order) was just given on show_id
-- as the ticket type its old seat was sold as, at that type's price.
UPDATE booking.booking_seats SET
    list_price_minor = sqlc.arg(list_price_minor)::bigint, price_minor = sqlc.arg(price_minor)::bigint,
    ticket_type_id = sqlc.narg(ticket_type_id), ticket_type_code = sqlc.arg(ticket_type_code),
    ticket_type_name = sqlc.arg(ticket_type_name), proof_required = sqlc.arg(proof_required),
    proof_note = sqlc.arg(proof_note)
WHERE booking_id = sqlc.arg(booking_id)::bigint AND show_id = sqlc.arg(show_id)::bigint AND seat = sqlc.arg(seat) AND live;
