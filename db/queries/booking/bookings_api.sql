-- name: BookingPageForUser :many
-- A page of a buyer's bookings for the API, newest first, after the keyset
-- position (before_at, before_id) when given. statuses and show_ids narrow
-- it when not null; holds that ran out (expired, or held past their
-- expiry) are left out unless lapsed is true.
SELECT * FROM booking.bookings
WHERE user_id = sqlc.arg(user_id)
  AND (sqlc.narg(statuses)::text[] IS NULL OR status = ANY(sqlc.narg(statuses)::text[]))
  AND (sqlc.narg(show_ids)::bigint[] IS NULL OR show_id = ANY(sqlc.narg(show_ids)::bigint[]))
  AND (sqlc.arg(lapsed)::bool OR NOT (status = 'expired' OR (status = 'held' AND hold_expires_at <= sqlc.arg(now)::timestamptz)))
  AND (sqlc.narg(before_at)::timestamptz IS NULL
       OR (created_at, id) < (sqlc.narg(before_at)::timestamptz, sqlc.arg(before_id)::bigint))
ORDER BY created_at DESC, id DESC
LIMIT sqlc.arg(lim);

-- name: BookingShowIDsForUser :many
-- Every show a buyer has booked, for sorting their bookings into upcoming
-- and past by the catalogue's start times.
SELECT DISTINCT show_id FROM booking.bookings WHERE user_id = $1;
