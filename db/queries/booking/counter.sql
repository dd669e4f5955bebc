-- name: CounterSeatLock :many
-- Locks the seats a clerk is selling, in seat order (the order every hold
-- locks in, so a counter sale and an online hold never deadlock), and says
-- whether each is free: never held, or its hold ran out.
SELECT seat, category, price_minor, state, booking_id,
       (state = 'free' OR (state = 'held' AND hold_expires_at <= now()))::boolean AS available
FROM booking.show_seats
WHERE show_id = sqlc.arg(show_id) AND seat = ANY(sqlc.arg(seats)::text[])
ORDER BY seat
FOR UPDATE;

-- name: CounterBookingInsert :one
-- A counter sale: confirmed at once, paid at the counter, no buyer account.
INSERT INTO booking.bookings (code, show_id, theater_id, user_id, status, hold_expires_at, currency,
                              subtotal_minor, total_minor, confirmed_at, channel, payment_method, sold_by,
                              till_session_id, voucher_ref)
VALUES (sqlc.arg(code), sqlc.arg(show_id), sqlc.arg(theater_id), NULL, 'confirmed', now(), sqlc.arg(currency),
        sqlc.arg(total), sqlc.arg(total), now(), 'counter', sqlc.arg(method), sqlc.arg(sold_by),
        sqlc.arg(till_session_id), sqlc.narg(voucher_ref))
RETURNING id, created_at;

-- name: CounterSeatsInsert :exec
INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor)
SELECT sqlc.arg(booking_id)::bigint, sqlc.arg(show_id)::bigint, unnest(sqlc.arg(seats)::text[]),
       unnest(sqlc.arg(categories)::text[]), unnest(sqlc.arg(prices)::bigint[]);

-- name: CounterSeatsBook :execrows
UPDATE booking.show_seats SET state = 'booked', booking_id = sqlc.arg(booking_id), hold_expires_at = NULL
WHERE show_id = sqlc.arg(show_id) AND seat = ANY(sqlc.arg(seats)::text[]);

-- name: CounterSalesForTill :many
-- The sales rung up in a till, newest first.
SELECT id, code, show_id, status, payment_method, total_minor, created_at
FROM booking.bookings
WHERE till_session_id = $1
ORDER BY created_at DESC, id DESC;
