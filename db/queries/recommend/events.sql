-- The signal log.

-- name: EventInsert :exec
INSERT INTO recommend.events (user_id, movie_id, kind, from_rec)
VALUES ($1, $2, $3, sqlc.narg(from_rec));

-- name: EventRecStats :many
-- Clicks on recommendations, and bookings they led to, per surface since.
SELECT from_rec::text AS surface, kind, count(*)::int AS n
FROM recommend.events
WHERE from_rec IS NOT NULL AND created_at >= sqlc.arg(since)
GROUP BY from_rec, kind
ORDER BY from_rec, kind;

-- name: EventListForUser :many
SELECT movie_id, kind, from_rec, created_at FROM recommend.events
WHERE user_id = $1 ORDER BY created_at, id;

-- name: EventDeleteForUser :exec
DELETE FROM recommend.events WHERE user_id = $1;
