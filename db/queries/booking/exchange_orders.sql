-- Exchanges to dearer seats, awaiting the difference (see 00057).

-- name: ExchangeOrderInsert :one
-- An order for the difference of an exchange of booking parent_id: a
-- booking row without seats rows or account, for the new show, awaiting
-- its payment until expires_at, and what it would exchange.
WITH nb AS (
    INSERT INTO booking.bookings (code, show_id, theater_id, user_id, status, hold_expires_at, currency,
                                  subtotal_minor, total_minor)
    SELECT sqlc.arg(code)::text, sqlc.arg(to_show_id)::bigint, sqlc.arg(theater_id)::bigint, NULL, 'pending_payment',
           sqlc.arg(expires_at)::timestamptz, p.currency, sqlc.arg(total)::bigint, sqlc.arg(total)::bigint
    FROM booking.bookings p WHERE p.id = sqlc.arg(parent_id)::bigint
    RETURNING *
), tie AS (
    INSERT INTO booking.exchange_orders (order_id, booking_id, from_show_id, to_show_id, old_seats, new_seats,
                                         old_amount_minor, new_amount_minor)
    SELECT id, sqlc.arg(parent_id)::bigint, sqlc.arg(from_show_id)::bigint, sqlc.arg(to_show_id)::bigint,
           sqlc.arg(old_seats)::text[], sqlc.arg(new_seats)::text[], sqlc.arg(old_amount_minor)::bigint,
           sqlc.arg(new_amount_minor)::bigint
    FROM nb
)
SELECT * FROM nb;

-- name: ExchangeOrderHold :execrows
-- Holds the new seats (locked and available) for the order until it runs
-- out, with its seat rows, as a hold has.
WITH held AS (
    UPDATE booking.show_seats SET state = 'held', booking_id = sqlc.arg(order_id)::bigint,
        hold_expires_at = sqlc.arg(expires_at)::timestamptz
    WHERE show_id = sqlc.arg(show_id)::bigint AND seat = ANY(sqlc.arg(seats)::text[])
      AND (state = 'free' OR (state = 'held' AND hold_expires_at <= now()))
    RETURNING show_id, seat, category, price_minor
)
INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor)
SELECT sqlc.arg(order_id)::bigint, show_id, seat, category, price_minor FROM held;

-- name: ExchangeOrderGet :one
-- The exchange booking order_id pays for (no rows: not an exchange order).
SELECT * FROM booking.exchange_orders WHERE order_id = $1;

-- name: ExchangeOrdersOpen :many
-- The orders of a booking still awaiting their payment.
SELECT b.id, b.hold_expires_at, o.to_show_id, o.new_seats
FROM booking.exchange_orders o JOIN booking.bookings b ON b.id = o.order_id
WHERE o.booking_id = $1 AND b.status IN ('held', 'pending_payment')
ORDER BY b.id;

-- name: ExchangeOrdersPaid :many
-- The paid orders of a booking: the payments its refunds may also take from.
SELECT o.order_id FROM booking.exchange_orders o JOIN booking.bookings b ON b.id = o.order_id
WHERE o.booking_id = $1 AND b.status = 'confirmed'
ORDER BY o.order_id;

-- name: ExchangeOrderRelease :execrows
-- Gives up the seats an order holds, and its seat rows (before the seats
-- move to its booking, or when another exchange replaces it).
WITH gone AS (
    UPDATE booking.booking_seats SET live = false WHERE booking_id = sqlc.arg(order_id)::bigint AND live
)
UPDATE booking.show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL
WHERE booking_id = sqlc.arg(order_id)::bigint AND state = 'held';
