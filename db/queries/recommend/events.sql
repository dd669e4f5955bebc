-- The signal log.

-- name: EventInsert :exec
INSERT INTO recommend.events (user_id, movie_id, kind, from_rec, rec_list)
VALUES ($1, $2, $3, sqlc.narg(from_rec), sqlc.narg(rec_list));

-- name: EventInsertTheaterClick :exec
-- A click on a suggested theater: it names no movie (movie_id 0).
INSERT INTO recommend.events (user_id, movie_id, theater_id, kind, from_rec, rec_list)
VALUES ($1, 0, sqlc.arg(theater_id), 'click', sqlc.arg(from_rec), 'theaters');

-- name: EventRecStats :many
-- Clicks on recommendations, and bookings they led to, per surface since.
SELECT from_rec::text AS surface, kind, count(*)::int AS n
FROM recommend.events
WHERE from_rec IS NOT NULL AND created_at >= sqlc.arg(since)
GROUP BY from_rec, kind
ORDER BY from_rec, kind;

-- name: EventRecStatsByList :many
-- The same per list (movies, shows, theaters; movies for clicks logged
-- before there were lists) and surface.
SELECT coalesce(rec_list, 'movies')::text AS list, from_rec::text AS surface, kind, count(*)::int AS n
FROM recommend.events
WHERE from_rec IS NOT NULL AND created_at >= sqlc.arg(since)
GROUP BY 1, from_rec, kind
ORDER BY 1, from_rec, kind;

-- name: EventListForUser :many
SELECT movie_id, kind, from_rec, created_at FROM recommend.events
WHERE user_id = $1 ORDER BY created_at, id;

-- name: EventDeleteForUser :exec
DELETE FROM recommend.events WHERE user_id = $1;

-- name: EventTheaterBooked :execrows
-- A booking at a theater the user clicked in "Theaters you may like"
-- since clicked_since is attributed to the latest such click (on its
-- surface), once: a click already followed by an attributed booking at
-- that theater leads to no other.
INSERT INTO recommend.events (user_id, movie_id, kind, from_rec, rec_list, theater_id)
SELECT c.user_id, 0, 'booking', c.from_rec, 'theaters', c.theater_id
FROM recommend.events c
WHERE c.user_id = sqlc.arg(user_id) AND c.theater_id = sqlc.arg(theater_id)::bigint AND c.kind = 'click'
  AND c.rec_list = 'theaters' AND c.created_at >= sqlc.arg(clicked_since)
  AND NOT EXISTS (SELECT 1 FROM recommend.events b
                  WHERE b.user_id = c.user_id AND b.theater_id = c.theater_id AND b.kind = 'booking'
                    AND b.rec_list = 'theaters' AND b.created_at >= c.created_at)
ORDER BY c.created_at DESC
LIMIT 1;
