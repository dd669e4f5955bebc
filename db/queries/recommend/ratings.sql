-- Ratings and reviews.

-- name: RatingUpsert :one
INSERT INTO recommend.ratings AS r (user_id, movie_id, stars, review, author)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (user_id, movie_id) DO UPDATE
SET stars = excluded.stars, review = excluded.review, author = excluded.author,
    hidden = CASE WHEN r.review = excluded.review THEN r.hidden ELSE false END, updated_at = now()
RETURNING *;

-- name: RatingGet :one
SELECT * FROM recommend.ratings WHERE user_id = $1 AND movie_id = $2;

-- name: RatingSummary :one
-- A movie's average stars and how many ratings it averages.
SELECT coalesce(avg(stars), 0)::float8 AS average, count(*)::int AS n
FROM recommend.ratings WHERE movie_id = $1;

-- name: RatingListVisibleForMovie :many
-- The latest reviews with text that staff have not hidden.
SELECT * FROM recommend.ratings
WHERE movie_id = $1 AND review <> '' AND NOT hidden
ORDER BY updated_at DESC, id DESC
LIMIT $2;

-- name: RatingListReviews :many
-- Reviews with text for moderation, newest first; hidden ones only when asked.
SELECT * FROM recommend.ratings
WHERE review <> '' AND (NOT sqlc.arg(only_hidden)::bool OR hidden)
ORDER BY updated_at DESC, id DESC
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: RatingSetHidden :one
UPDATE recommend.ratings SET hidden = sqlc.arg(hidden) WHERE id = sqlc.arg(id) RETURNING *;

-- name: RatingListForUser :many
SELECT * FROM recommend.ratings WHERE user_id = $1 ORDER BY created_at;

-- name: RatingDeleteForUser :many
DELETE FROM recommend.ratings WHERE user_id = $1 RETURNING movie_id;

-- name: RatingListVisibleForMovieAfter :many
-- A page of a movie's visible reviews, newest first, after the keyset
-- position (updated_at, id) of the previous page's last review.
SELECT * FROM recommend.ratings
WHERE movie_id = sqlc.arg(movie_id) AND review <> '' AND NOT hidden
  AND (sqlc.arg(first)::bool OR (updated_at, id) < (sqlc.arg(before_at)::timestamptz, sqlc.arg(before_id)::bigint))
ORDER BY updated_at DESC, id DESC
LIMIT sqlc.arg(lim);

-- name: RatingDelete :one
DELETE FROM recommend.ratings WHERE user_id = $1 AND movie_id = $2 RETURNING id;
