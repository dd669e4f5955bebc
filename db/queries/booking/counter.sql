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
-- A counter sale: confirmed at once, paid at the counter, no buyer account,
-- no booking fee. subtotal and tax are the tickets'; total adds the food.
INSERT INTO booking.bookings (code, show_id, theater_id, user_id, status, hold_expires_at, currency,
                              subtotal_minor, tax_minor, total_minor, confirmed_at, channel, payment_method, sold_by,
                              till_session_id, voucher_ref, tendered_minor, change_minor, seller_name)
VALUES (sqlc.arg(code), sqlc.arg(show_id), sqlc.arg(theater_id), NULL, 'confirmed', now(), sqlc.arg(currency),
        sqlc.arg(subtotal), sqlc.arg(tax), sqlc.arg(total), now(), 'counter', sqlc.arg(method), sqlc.arg(sold_by),
        sqlc.arg(till_session_id), sqlc.narg(voucher_ref), sqlc.narg(tendered), sqlc.narg(change), sqlc.arg(seller_name))
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

-- name: CounterRefundsOwed :many
-- Counter sales at a theater that the cinema cancelled (no staff member
-- cancelling, so no till paid them back): what each is owed, oldest first.
SELECT b.id, b.code, b.show_id, b.payment_method, b.refund_minor, b.currency, b.cancelled_at,
       b.seller_name, b.voucher_ref
FROM booking.bookings b
WHERE b.theater_id = $1 AND b.channel = 'counter' AND b.status = 'cancelled' AND b.refund_minor > 0
  AND NOT EXISTS (SELECT 1 FROM booking.till_refunds r WHERE r.booking_id = b.id)
ORDER BY b.cancelled_at, b.id
LIMIT 200;

-- name: CounterRefundOwedLock :one
-- Locks a counter sale the cinema cancelled and that no till paid back yet.
SELECT b.*
FROM booking.bookings b
WHERE b.code = $1 AND b.channel = 'counter' AND b.status = 'cancelled' AND b.refund_minor > 0
  AND NOT EXISTS (SELECT 1 FROM booking.till_refunds r WHERE r.booking_id = b.id)
FOR UPDATE OF b;
