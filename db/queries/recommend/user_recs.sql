-- The computed model: personal lists.

-- name: UserRecDeleteAll :exec
DELETE FROM recommend.user_recs;

-- name: UserRecDeleteForUser :exec
DELETE FROM recommend.user_recs WHERE user_id = $1;

-- name: UserRecInsert :copyfrom
INSERT INTO recommend.user_recs (user_id, movie_id, score, reason) VALUES ($1, $2, $3, $4);

-- name: UserRecListForCity :many
-- The user's list, limited to movies playing in the city, leaving out what
-- they booked or dismissed since it was computed.
SELECT r.movie_id, r.score, r.reason
FROM recommend.user_recs r
JOIN recommend.city_movies c ON c.movie_id = r.movie_id AND c.city_slug = sqlc.arg(city_slug)
WHERE r.user_id = sqlc.arg(user_id)
  AND NOT EXISTS (SELECT 1 FROM recommend.user_movies um
                  WHERE um.user_id = r.user_id AND um.movie_id = r.movie_id AND (um.bookings > 0 OR um.dismissed))
ORDER BY r.score DESC, r.movie_id
LIMIT sqlc.arg(lim);

-- name: ListsLockAll :exec
-- Taken by a full recompute for its transaction: per-user refreshes wait
-- for it rather than collide with the lists it rewrites.
SELECT pg_advisory_xact_lock(hashtext('recommend.user_recs'));

-- name: ListsLockShared :exec
-- Taken by a per-user refresh; refreshes of different users run together.
SELECT pg_advisory_xact_lock_shared(hashtext('recommend.user_recs'));
