-- name: BookingGuestFind :one
-- The booking with this code, for the find-my-booking form (the caller
-- compares the email, so a wrong code and a wrong email look the same).
SELECT id, user_id, guest_email FROM booking.bookings WHERE code = sqlc.arg(code)::text;

-- name: BookingGuestClaim :many
-- Gives an account the confirmed guest bookings made with its (verified)
-- email; the guest fields stay for history. Returns the bookings claimed.
UPDATE booking.bookings SET user_id = sqlc.arg(user_id)::bigint, updated_at = now()
WHERE user_id IS NULL AND guest_email IS NOT NULL
  AND lower(guest_email) = lower(sqlc.arg(email)::text) AND status = 'confirmed'
RETURNING id;
