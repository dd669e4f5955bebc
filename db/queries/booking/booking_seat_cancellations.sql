-- name: BookingSeatCancellationSummary :one
-- What earlier partial cancellations of a booking took: how many there
-- were, how many seats and how much cancellation fee they kept.
SELECT coalesce(max(n), 0)::integer AS cancellations, count(*)::integer AS seats,
       coalesce(sum(cancel_fee_minor), 0)::bigint AS cancel_fee_minor
FROM booking.booking_seat_cancellations WHERE booking_id = $1;

-- name: BookingSeatCancellationInsert :exec
INSERT INTO booking.booking_seat_cancellations (booking_id, n, show_id, seat, category, ticket_type_name,
    price_minor, fee_minor, tax_minor, discount_minor, cancel_fee_minor, refund_minor, refund_key)
VALUES (sqlc.arg(booking_id), sqlc.arg(n), sqlc.arg(show_id), sqlc.arg(seat), sqlc.arg(category),
    sqlc.arg(ticket_type_name), sqlc.arg(price_minor), sqlc.arg(fee_minor), sqlc.arg(tax_minor),
    sqlc.arg(discount_minor), sqlc.arg(cancel_fee_minor), sqlc.arg(refund_minor), sqlc.arg(refund_key));

-- name: BookingSeatCancellationList :many
SELECT * FROM booking.booking_seat_cancellations WHERE booking_id = $1 ORDER BY n, seat;

-- name: BookingSeatTake :many
-- Removes seats from a live booking (a partial cancellation moves them to
-- booking_seat_cancellations); returns the rows removed.
DELETE FROM booking.booking_seats
WHERE booking_id = sqlc.arg(booking_id) AND seat = ANY(sqlc.arg(seats)::text[]) AND live
RETURNING *;

-- name: ShowSeatFreeSome :execrows
-- Frees the named seats a booking bought, and only those.
UPDATE booking.show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL
WHERE show_id = sqlc.arg(show_id) AND booking_id = sqlc.arg(booking_id)
  AND seat = ANY(sqlc.arg(seats)::text[]) AND state = 'booked';

-- name: BookingSeatsCancelAmounts :one
-- Lowers a confirmed booking's amounts by the seats cancelled: their
-- prices, shares of fee, tax and discount; the cancellation fee kept is
-- added to the fee, so the total stays what was paid less what is
-- refunded and subtotal + fee + tax - discount (+ food) still make it.
UPDATE booking.bookings SET
    subtotal_minor = subtotal_minor - sqlc.arg(subtotal),
    fee_minor = fee_minor - sqlc.arg(fee) + sqlc.arg(cancel_fee),
    tax_minor = tax_minor - sqlc.arg(tax),
    discount_minor = discount_minor - sqlc.arg(discount),
    total_minor = total_minor - sqlc.arg(refund),
    updated_at = now()
WHERE id = sqlc.arg(id) AND status = 'confirmed'
RETURNING *;
