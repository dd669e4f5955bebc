-- name: TillSessionOpen :one
-- Opens a till; a second open till for the same person fails on
-- till_sessions_open_idx.
INSERT INTO booking.till_sessions (theater_id, user_id, currency, float_minor)
VALUES ($1, $2, $3, $4)
RETURNING *;

-- name: TillSessionOpenForUser :one
SELECT * FROM booking.till_sessions WHERE user_id = $1 AND closed_at IS NULL;

-- name: TillSessionGet :one
SELECT * FROM booking.till_sessions WHERE id = $1;

-- name: TillSessionClose :one
-- Cashes up an open till; no row when it was closed already.
UPDATE booking.till_sessions SET closed_at = now(), counted_cash_minor = sqlc.arg(counted)::bigint, close_note = sqlc.arg(note)::text
WHERE id = sqlc.arg(id) AND closed_at IS NULL
RETURNING *;

-- name: TillSessionTakings :many
-- What a till took, by payment method: every sale rung up in it, also the
-- ones cancelled later (their refunds are counted on their own).
SELECT payment_method, count(*)::int AS sales, coalesce(sum(total_minor), 0)::bigint AS amount_minor
FROM booking.bookings
WHERE till_session_id = $1 AND status IN ('confirmed', 'cancelled', 'refunded')
GROUP BY payment_method
ORDER BY payment_method;

-- name: TillSessionRefunds :many
-- What a till gave back, by method.
SELECT method, count(*)::int AS refunds, coalesce(sum(amount_minor), 0)::bigint AS amount_minor
FROM booking.till_refunds
WHERE till_session_id = $1
GROUP BY method
ORDER BY method;

-- name: TillSessionList :many
-- The tills of some theaters (all when all_theaters), newest first, with
-- their cash taken (seats, food and gift cards) and given back for the
-- variance.
SELECT t.*,
       ((SELECT coalesce(sum(b.total_minor), 0) FROM booking.bookings b
         WHERE b.till_session_id = t.id AND b.payment_method = 'cash'
           AND b.status IN ('confirmed', 'cancelled', 'refunded'))
        + (SELECT coalesce(sum(g.amount_minor), 0) FROM booking.till_gift_cards g
           WHERE g.till_session_id = t.id AND g.method = 'cash'))::bigint AS cash_in_minor,
       (SELECT coalesce(sum(r.amount_minor), 0) FROM booking.till_refunds r
        WHERE r.till_session_id = t.id AND r.method = 'cash')::bigint AS cash_out_minor
FROM booking.till_sessions t
WHERE sqlc.arg(all_theaters)::boolean OR t.theater_id = ANY(sqlc.arg(theater_ids)::bigint[])
ORDER BY t.opened_at DESC
LIMIT 200;

-- name: TillRefundInsert :exec
INSERT INTO booking.till_refunds (booking_id, till_session_id, method, amount_minor, refunded_by)
VALUES ($1, $2, $3, $4, $5);
