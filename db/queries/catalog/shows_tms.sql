-- name: ShowOverlappingOthers :many
-- Live shows on the screen, other than the show itself, whose busy time
-- meets [starts, clean_until).
SELECT s.id, s.starts_at, s.clean_until, m.title AS movie_title
FROM catalog.shows s JOIN catalog.movies m ON m.id = s.movie_id
WHERE s.screen_id = sqlc.arg(screen_id) AND s.status <> 'cancelled' AND s.id <> sqlc.arg(id)
  AND tstzrange(s.starts_at, s.clean_until) && tstzrange(sqlc.arg(starts)::timestamptz, sqlc.arg(clean_until)::timestamptz)
ORDER BY s.starts_at;

-- name: ShowMove :one
-- Moves a scheduled show to a new time, its end and cleaning with it.
UPDATE catalog.shows SET starts_at = sqlc.arg(starts_at), ends_at = sqlc.arg(ends_at), clean_until = sqlc.arg(clean_until)
WHERE id = sqlc.arg(id) AND status = 'scheduled'
RETURNING *;
