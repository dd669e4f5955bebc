-- name: PromoRedemptionCount :one
-- Live redemptions of a code, in all and by one buyer (an account, or a
-- guest's email in any case: guest_email '' for an account), leaving out
-- one booking (the one the code is being applied to).
SELECT count(*)::int AS total,
       count(*) FILTER (WHERE r.user_id = sqlc.arg(user_id)::bigint
                           OR (b.user_id IS NULL AND lower(b.guest_email) = lower(sqlc.arg(guest_email)::text)))::int AS by_user
FROM booking.promo_redemptions r JOIN booking.bookings b ON b.id = r.booking_id
WHERE r.promo_id = sqlc.arg(promo_id) AND r.booking_id <> sqlc.arg(booking_id)::bigint
  AND (b.status = 'confirmed' OR (b.status IN ('held', 'pending_payment') AND b.hold_expires_at > now()));

-- name: PromoRedemptionDelete :exec
DELETE FROM booking.promo_redemptions WHERE booking_id = $1;

-- name: PromoRedemptionInsert :exec
INSERT INTO booking.promo_redemptions (promo_id, booking_id, user_id) VALUES ($1, $2, $3);

-- name: PromoRedemptionAnonymiseUser :exec
UPDATE booking.promo_redemptions SET user_id = NULL WHERE user_id = $1;
