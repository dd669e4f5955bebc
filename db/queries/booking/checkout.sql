-- name: BookingSetAmounts :exec
-- Stores a booking's priced amounts (the caller holds its row lock).
UPDATE booking.bookings
SET subtotal_minor = sqlc.arg(subtotal_minor), fee_minor = sqlc.arg(fee_minor), tax_minor = sqlc.arg(tax_minor),
    discount_minor = sqlc.arg(discount_minor), total_minor = sqlc.arg(total_minor), promo_code = sqlc.narg(promo_code),
    updated_at = now()
WHERE id = sqlc.arg(id);

-- name: BookingSeatListForBookings :many
-- The seats of many bookings at once (the "My bookings" list).
SELECT booking_id, seat, category, price_minor FROM booking.booking_seats
WHERE booking_id = ANY(sqlc.arg(ids)::bigint[])
ORDER BY booking_id, seat;
