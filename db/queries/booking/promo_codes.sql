-- name: PromoInsert :one
INSERT INTO booking.promo_codes (code, description, kind, percent_off, amount_off_minor, currency, movie_ids,
    theater_ids, valid_from, valid_until, min_tickets, max_uses, max_uses_per_user)
VALUES (sqlc.arg(code), sqlc.arg(description), sqlc.arg(kind), sqlc.narg(percent_off), sqlc.narg(amount_off_minor),
    sqlc.narg(currency), sqlc.arg(movie_ids)::bigint[], sqlc.arg(theater_ids)::bigint[], sqlc.narg(valid_from),
    sqlc.narg(valid_until), sqlc.arg(min_tickets), sqlc.narg(max_uses), sqlc.narg(max_uses_per_user))
RETURNING *;

-- name: PromoGetByCodeForUpdate :one
-- Locks the code so that two buyers redeeming its last use take turns.
SELECT * FROM booking.promo_codes WHERE lower(code) = lower(sqlc.arg(code)) FOR UPDATE;

-- name: PromoListWithUses :many
-- Every code, newest first, with its live redemptions (see the migration).
SELECT p.*,
       (SELECT count(*) FROM booking.promo_redemptions r JOIN booking.bookings b ON b.id = r.booking_id
        WHERE r.promo_id = p.id AND (b.status = 'confirmed'
              OR (b.status IN ('held', 'pending_payment') AND b.hold_expires_at > now())))::int AS uses
FROM booking.promo_codes p
ORDER BY p.active DESC, p.created_at DESC, p.id DESC
LIMIT 500;

-- name: PromoDeactivate :execrows
UPDATE booking.promo_codes SET active = false, deactivated_at = now() WHERE id = $1 AND active;

-- name: PromoExists :one
SELECT EXISTS (SELECT 1 FROM booking.promo_codes WHERE id = $1);

-- name: PromoForBooking :one
-- The code redeemed by a booking, if any.
SELECT p.* FROM booking.promo_codes p JOIN booking.promo_redemptions r ON r.promo_id = p.id
WHERE r.booking_id = $1;
