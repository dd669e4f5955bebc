-- name: BookingRecordInsert :exec
INSERT INTO notify.bookings (booking_id, user_id, movie_id, starts_at, reminder_job_id)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (booking_id) DO NOTHING;

-- name: BookingRecordCancel :one
-- Marks the booking cancelled and returns its reminder job, once.
UPDATE notify.bookings SET cancelled = true WHERE booking_id = $1 AND NOT cancelled
RETURNING reminder_job_id;

-- name: BookingRecordGet :one
SELECT * FROM notify.bookings WHERE booking_id = $1;

-- name: BookingRecordMovieBookers :many
-- Users with a live booking for the movie, in id order from after.
SELECT DISTINCT user_id FROM notify.bookings
WHERE movie_id = $1 AND NOT cancelled AND user_id > sqlc.arg(after)::bigint
ORDER BY user_id
LIMIT sqlc.arg(lim);

-- name: BookingRecordEraseUser :many
-- Forgets the user's bookings and returns the reminder jobs still to drop.
WITH gone AS (
    DELETE FROM notify.bookings WHERE user_id = $1 RETURNING reminder_job_id, cancelled
)
SELECT reminder_job_id::bigint FROM gone WHERE NOT cancelled AND reminder_job_id IS NOT NULL;

-- name: BookingRecordListForUser :many
SELECT booking_id, movie_id, starts_at, cancelled FROM notify.bookings WHERE user_id = $1 ORDER BY starts_at;

-- name: BookingRecordBookersAmong :many
-- Which of the users have a live booking for the movie.
SELECT DISTINCT user_id FROM notify.bookings
WHERE movie_id = $1 AND NOT cancelled AND user_id = ANY(sqlc.arg(user_ids)::bigint[]);

-- name: BookingRecordMove :exec
-- The show of a live booking moved: its new time and reminder.
UPDATE notify.bookings SET starts_at = $2, reminder_job_id = $3 WHERE booking_id = $1 AND NOT cancelled;
