-- Food added to a paid booking after its purchase (see 00035).

-- name: FoodAddonInsert :one
-- A food order for parent: a booking row without seats or account,
-- awaiting its payment until expires_at, and its tie to the parent.
WITH nb AS (
    INSERT INTO booking.bookings (code, show_id, theater_id, user_id, status, hold_expires_at, currency,
                                  subtotal_minor, total_minor)
    SELECT sqlc.arg(code)::text, p.show_id, p.theater_id, NULL, 'pending_payment', sqlc.arg(expires_at)::timestamptz,
           p.currency, 0, sqlc.arg(total)::bigint
    FROM booking.bookings p WHERE p.id = sqlc.arg(parent_id)::bigint
    RETURNING *
), tie AS (
    INSERT INTO booking.food_addons (booking_id, parent_id) SELECT id, sqlc.arg(parent_id)::bigint FROM nb
)
SELECT * FROM nb;

-- name: FoodAddonParent :one
-- The booking a food order was added to (no rows: not a food order).
SELECT parent_id FROM booking.food_addons WHERE booking_id = $1;

-- name: FoodAddonsOf :many
-- The food orders added to a booking, oldest first.
SELECT b.* FROM booking.bookings b
JOIN booking.food_addons a ON a.booking_id = b.id
WHERE a.parent_id = $1
ORDER BY b.id;

-- name: FoodAddonsForUpdate :many
-- The food orders of a booking being cancelled, locked.
SELECT b.* FROM booking.bookings b
JOIN booking.food_addons a ON a.booking_id = b.id
WHERE a.parent_id = $1
ORDER BY b.id
FOR UPDATE OF b;
