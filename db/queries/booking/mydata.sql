-- name: BookingAnonymiseUser :exec
-- The buyer deleted their account: bookings stay for the cinema's books,
-- without anything that leads back to the person.
UPDATE booking.bookings SET user_id = NULL, updated_at = now() WHERE user_id = $1;

-- name: PromoRedemptionAnonymiseUser :exec
UPDATE booking.promo_redemptions SET user_id = NULL WHERE user_id = $1;

-- name: BookingListAllForUser :many
SELECT * FROM booking.bookings WHERE user_id = $1 ORDER BY created_at;
