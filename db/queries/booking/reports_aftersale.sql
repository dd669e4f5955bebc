-- name: ReportAfterSale :many
-- What buyers did after the sale, on the dates (each on its theater's
-- local day), by the booking's theater and currency and the kind of
-- action: seats given back (amount: refunded, kept: the fee kept), food
-- lines given back (amount: refunded, in full),
-- tickets passed on, and exchanges to another show (amount: differences
-- paid, kept: differences refunded), and seats offered to a show's
-- waitlist (on the day of the offer; amount: what the offers taken were
-- paid, kept: how many were taken).
SELECT b.theater_id, b.currency, e.kind::text AS kind, count(*)::bigint AS actions,
       sum(e.amount)::bigint AS amount_minor, sum(e.kept)::bigint AS kept_minor
FROM (
    SELECT c.booking_id, 'seat_cancelled' AS kind, c.refund_minor AS amount, c.cancel_fee_minor AS kept, c.cancelled_at AS at
    FROM booking.booking_seat_cancellations c
    WHERE c.cancelled_at >= sqlc.arg(from_time)::timestamptz AND c.cancelled_at < sqlc.arg(until_time)::timestamptz
    UNION ALL
    SELECT f.booking_id, 'food_cancelled', f.refund_minor, 0, f.cancelled_at
    FROM booking.booking_item_cancellations f
    WHERE f.cancelled_at >= sqlc.arg(from_time)::timestamptz AND f.cancelled_at < sqlc.arg(until_time)::timestamptz
    UNION ALL
    SELECT t.booking_id, 'transferred', 0, 0, t.decided_at
    FROM booking.booking_transfers t
    WHERE t.state = 'accepted'
      AND t.decided_at >= sqlc.arg(from_time)::timestamptz AND t.decided_at < sqlc.arg(until_time)::timestamptz
    UNION ALL
    SELECT x.booking_id, 'exchanged', greatest(x.difference_minor, 0), greatest(-x.difference_minor, 0), x.created_at
    FROM booking.booking_exchanges x
    WHERE x.created_at >= sqlc.arg(from_time)::timestamptz AND x.created_at < sqlc.arg(until_time)::timestamptz
    UNION ALL
    SELECT w.offer_booking_id, 'waitlist_offered', CASE WHEN w.state = 'booked' THEN o.total_minor ELSE 0 END,
           CASE WHEN w.state = 'booked' THEN 1 ELSE 0 END, o.created_at
    FROM booking.waitlist_entries w
    JOIN booking.bookings o ON o.id = w.offer_booking_id
    WHERE o.created_at >= sqlc.arg(from_time)::timestamptz AND o.created_at < sqlc.arg(until_time)::timestamptz
) e
JOIN booking.bookings b ON b.id = e.booking_id
WHERE b.theater_id = ANY(sqlc.arg(theater_ids)::bigint[])
  AND (e.at AT TIME ZONE (sqlc.arg(zones)::text[])[array_position(sqlc.arg(theater_ids)::bigint[], b.theater_id)])::date
      BETWEEN sqlc.arg(from_day)::date AND sqlc.arg(to_day)::date
GROUP BY b.theater_id, b.currency, e.kind
ORDER BY b.currency, b.theater_id, e.kind;
