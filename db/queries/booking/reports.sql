-- Manager reports: sums over bookings, one round trip per report.
--
-- A sale is a booking that was paid for (confirmed_at set): a confirmed
-- one, or a cancelled or refunded one that gave back refund_minor. Sales
-- fall on the theater's local day they were made; zones[i] is the time
-- zone of theater_ids[i]. The instants bound the scan to
-- bookings_theater_idx; the local days pick the exact range.

-- name: ReportTakings :many
-- Sales summed by currency, local day of sale, show, payment method and
-- channel; admissions count the seats of bookings still confirmed.
--
-- Food and drink (booking_items) is summed apart from the tickets: the
-- booking's subtotal, discount, fee and tax are the tickets' alone, its
-- total holds the food too. A refund does not say how much of it was
-- food: cancelling refunds the whole total less one fee under one policy,
-- so the refund is split in proportion to the total, the food's share
-- being refund x food (with its tax) / total, rounded half up; the rest
-- of the refund is the tickets'. Food ordered later for a paid booking
-- (food_addons) is a booking row of its own: its money counts on the day
-- it was sold, but it is not another booking. The difference paid for a
-- change of show (exchange_orders) is in its booking's total already.
SELECT b.currency, b.day, b.show_id, b.payment_method, b.channel,
       count(*) FILTER (WHERE NOT b.addon)::bigint AS bookings,
       coalesce(sum(s.seats) FILTER (WHERE b.status = 'confirmed'), 0)::bigint AS admissions,
       sum(b.subtotal_minor)::bigint AS tickets_minor,
       coalesce(sum(b.subtotal_minor - b.discount_minor) FILTER (WHERE b.status = 'confirmed'), 0)::bigint AS kept_tickets_minor,
       sum(b.discount_minor)::bigint AS discount_minor,
       sum(b.fee_minor)::bigint AS fee_minor,
       sum(b.tax_minor)::bigint AS tax_minor,
       sum(b.total_minor)::bigint AS total_minor,
       sum(b.refund_minor)::bigint AS refund_minor,
       sum(f.food)::bigint AS food_minor,
       sum(f.food_tax)::bigint AS food_tax_minor,
       sum(CASE WHEN b.total_minor > 0
                THEN (2 * b.refund_minor * (f.food + f.food_tax) + b.total_minor) / (2 * b.total_minor)
                ELSE 0 END)::bigint AS food_refund_minor
FROM (
    SELECT bk.id, bk.currency, bk.show_id, bk.payment_method, bk.channel, bk.status, bk.subtotal_minor,
           bk.discount_minor, bk.fee_minor, bk.tax_minor, bk.total_minor, bk.refund_minor,
           EXISTS (SELECT 1 FROM booking.food_addons a WHERE a.booking_id = bk.id) AS addon,
           (bk.created_at AT TIME ZONE (sqlc.arg(zones)::text[])[array_position(sqlc.arg(theater_ids)::bigint[], bk.theater_id)])::date AS day
    FROM booking.bookings bk
    WHERE bk.theater_id = ANY(sqlc.arg(theater_ids)::bigint[])
      AND bk.created_at >= sqlc.arg(from_time)::timestamptz AND bk.created_at < sqlc.arg(until_time)::timestamptz
      AND bk.confirmed_at IS NOT NULL AND bk.status IN ('confirmed', 'cancelled', 'refunded')
      AND NOT EXISTS (SELECT 1 FROM booking.exchange_orders eo WHERE eo.order_id = bk.id)
) b
CROSS JOIN LATERAL (SELECT count(*) AS seats FROM booking.booking_seats bs WHERE bs.booking_id = b.id) s
CROSS JOIN LATERAL (SELECT coalesce(sum(bi.unit_price_minor * bi.qty), 0)::bigint AS food,
                           coalesce(sum(bi.tax_minor), 0)::bigint AS food_tax
                    FROM booking.booking_items bi WHERE bi.booking_id = b.id) f
WHERE b.day BETWEEN sqlc.arg(from_day)::date AND sqlc.arg(to_day)::date
GROUP BY b.currency, b.day, b.show_id, b.payment_method, b.channel
ORDER BY b.currency, b.day, b.show_id, b.payment_method, b.channel;

-- name: ReportPromos :many
-- Promo codes on sales still confirmed: how often and how much off.
SELECT b.currency, b.promo_code, count(*)::bigint AS bookings,
       sum(b.discount_minor)::bigint AS discount_minor, sum(b.total_minor)::bigint AS total_minor
FROM (
    SELECT bk.currency, bk.promo_code::text AS promo_code, bk.discount_minor, bk.total_minor,
           (bk.created_at AT TIME ZONE (sqlc.arg(zones)::text[])[array_position(sqlc.arg(theater_ids)::bigint[], bk.theater_id)])::date AS day
    FROM booking.bookings bk
    WHERE bk.theater_id = ANY(sqlc.arg(theater_ids)::bigint[])
      AND bk.created_at >= sqlc.arg(from_time)::timestamptz AND bk.created_at < sqlc.arg(until_time)::timestamptz
      AND bk.status = 'confirmed' AND bk.promo_code IS NOT NULL
) b
WHERE b.day BETWEEN sqlc.arg(from_day)::date AND sqlc.arg(to_day)::date
GROUP BY b.currency, b.promo_code
ORDER BY b.currency, count(*) DESC, b.promo_code;

-- name: ReportShowSeats :many
-- Seats sold (booked, online or at the counter) and sellable (not
-- blocked) per show.
SELECT show_id,
       count(*) FILTER (WHERE state = 'booked')::bigint AS sold,
       count(*) FILTER (WHERE state <> 'blocked')::bigint AS capacity
FROM booking.show_seats
WHERE show_id = ANY(sqlc.arg(show_ids)::bigint[])
GROUP BY show_id;

-- name: ReportShowAdmissions :many
-- Admissions and box-office gross (seat prices: no booking fee, no tax)
-- per show, over bookings still confirmed.
SELECT b.show_id, b.currency, count(*)::bigint AS admissions, sum(bs.price_minor)::bigint AS gross_minor
FROM booking.bookings b
JOIN booking.booking_seats bs ON bs.booking_id = b.id
WHERE b.show_id = ANY(sqlc.arg(show_ids)::bigint[]) AND b.status = 'confirmed'
GROUP BY b.show_id, b.currency;

-- name: ReportFood :many
-- Food and drink on sales still confirmed, by theater, menu item and
-- size (whatever options were chosen): units sold, before tax and tax.
-- The name is the one sold most recently.
SELECT b.currency, b.theater_id, bi.menu_item_id, bi.variant,
       (array_agg(bi.name ORDER BY bi.id DESC))[1]::text AS name,
       sum(bi.qty)::bigint AS qty,
       sum(bi.unit_price_minor * bi.qty)::bigint AS sales_minor,
       sum(bi.tax_minor)::bigint AS tax_minor
FROM (
    SELECT bk.id, bk.currency, bk.theater_id,
           (bk.created_at AT TIME ZONE (sqlc.arg(zones)::text[])[array_position(sqlc.arg(theater_ids)::bigint[], bk.theater_id)])::date AS day
    FROM booking.bookings bk
    WHERE bk.theater_id = ANY(sqlc.arg(theater_ids)::bigint[])
      AND bk.created_at >= sqlc.arg(from_time)::timestamptz AND bk.created_at < sqlc.arg(until_time)::timestamptz
      AND bk.status = 'confirmed'
) b
JOIN booking.booking_items bi ON bi.booking_id = b.id
WHERE b.day BETWEEN sqlc.arg(from_day)::date AND sqlc.arg(to_day)::date
GROUP BY b.currency, b.theater_id, bi.menu_item_id, bi.variant
ORDER BY b.currency, b.theater_id, bi.menu_item_id, bi.variant;

-- name: ReportVouchers :many
-- Vouchers taken at the counter on sales still confirmed, by reference:
-- how many sales, their discount and what the vouchers paid.
SELECT b.currency, b.voucher_ref, count(*)::bigint AS bookings,
       sum(b.discount_minor)::bigint AS discount_minor, sum(b.total_minor)::bigint AS total_minor
FROM (
    SELECT bk.currency, coalesce(bk.voucher_ref, '')::text AS voucher_ref, bk.discount_minor, bk.total_minor,
           (bk.created_at AT TIME ZONE (sqlc.arg(zones)::text[])[array_position(sqlc.arg(theater_ids)::bigint[], bk.theater_id)])::date AS day
    FROM booking.bookings bk
    WHERE bk.theater_id = ANY(sqlc.arg(theater_ids)::bigint[])
      AND bk.created_at >= sqlc.arg(from_time)::timestamptz AND bk.created_at < sqlc.arg(until_time)::timestamptz
      AND bk.status = 'confirmed' AND bk.payment_method = 'voucher'
) b
WHERE b.day BETWEEN sqlc.arg(from_day)::date AND sqlc.arg(to_day)::date
GROUP BY b.currency, b.voucher_ref
ORDER BY b.currency, b.voucher_ref;
