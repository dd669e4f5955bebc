-- name: FollowInsert :execrows
INSERT INTO notify.follows (user_id, movie_id) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: FollowDelete :exec
DELETE FROM notify.follows WHERE user_id = $1 AND movie_id = $2;

-- name: FollowExists :one
SELECT EXISTS (SELECT 1 FROM notify.follows WHERE user_id = $1 AND movie_id = $2);

-- name: FollowWaiting :many
-- Followers of the movie not yet told that bookings opened.
SELECT user_id FROM notify.follows
WHERE movie_id = $1 AND notified_at IS NULL AND user_id > sqlc.arg(after)::bigint
ORDER BY user_id
LIMIT sqlc.arg(lim);

-- name: FollowMarkNotified :exec
UPDATE notify.follows SET notified_at = now() WHERE movie_id = $1 AND user_id = ANY(sqlc.arg(user_ids)::bigint[]);

-- name: FollowListForUser :many
SELECT movie_id, created_at, notified_at FROM notify.follows WHERE user_id = $1 ORDER BY created_at;

-- name: FollowDeleteForUser :exec
DELETE FROM notify.follows WHERE user_id = $1;
