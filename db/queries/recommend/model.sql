-- The computed model: similar movies, city popularity, features, personal
-- lists, and the record of each full run.

-- name: SimilarDeleteAll :exec
DELETE FROM recommend.similar;

-- name: SimilarInsert :copyfrom
INSERT INTO recommend.similar (movie_id, similar_id, score, reason) VALUES ($1, $2, $3, $4);

-- name: SimilarListAll :many
SELECT * FROM recommend.similar ORDER BY movie_id, score DESC;

-- name: SimilarListForMovie :many
-- A movie's neighbours that play in the city (anywhere when city is ''),
-- leaving out what the user booked or dismissed.
SELECT s.similar_id, s.score, s.reason
FROM recommend.similar s
WHERE s.movie_id = sqlc.arg(movie_id)
  AND EXISTS (SELECT 1 FROM recommend.city_movies c
              WHERE c.movie_id = s.similar_id AND (sqlc.arg(city_slug)::text = '' OR c.city_slug = sqlc.arg(city_slug)))
  AND NOT EXISTS (SELECT 1 FROM recommend.user_movies um
                  WHERE um.user_id = sqlc.arg(user_id) AND um.movie_id = s.similar_id AND (um.bookings > 0 OR um.dismissed))
ORDER BY s.score DESC, s.similar_id
LIMIT sqlc.arg(lim);

-- name: CityMovieDeleteAll :exec
DELETE FROM recommend.city_movies;

-- name: CityMovieInsert :copyfrom
INSERT INTO recommend.city_movies (city_slug, movie_id, score) VALUES ($1, $2, $3);

-- name: CityMovieListPlayingIDs :many
-- Movies playing somewhere in the coming week.
SELECT DISTINCT movie_id FROM recommend.city_movies;

-- name: CityMovieListPopular :many
-- The city's most popular movies, leaving out what the user booked or
-- dismissed (user 0: a visitor).
SELECT c.movie_id, c.score
FROM recommend.city_movies c
WHERE c.city_slug = sqlc.arg(city_slug)
  AND NOT EXISTS (SELECT 1 FROM recommend.user_movies um
                  WHERE um.user_id = sqlc.arg(user_id) AND um.movie_id = c.movie_id AND (um.bookings > 0 OR um.dismissed))
ORDER BY c.score DESC, c.movie_id
LIMIT sqlc.arg(lim);

-- name: MovieFeatureDeleteAll :exec
DELETE FROM recommend.movie_features;

-- name: MovieFeatureInsert :copyfrom
INSERT INTO recommend.movie_features (movie_id, title, features, weights, popularity) VALUES ($1, $2, $3, $4, $5);

-- name: MovieFeatureListAll :many
SELECT * FROM recommend.movie_features ORDER BY movie_id;

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

-- name: ModelRunInsert :one
INSERT INTO recommend.model_runs (users, movies, duration_ms) VALUES ($1, $2, $3) RETURNING id;

-- name: ModelRunLatest :one
SELECT * FROM recommend.model_runs ORDER BY id DESC LIMIT 1;

-- name: ListsLockAll :exec
-- Taken by a full recompute for its transaction: per-user refreshes wait
-- for it rather than collide with the lists it rewrites.
SELECT pg_advisory_xact_lock(hashtext('recommend.user_recs'));

-- name: ListsLockShared :exec
-- Taken by a per-user refresh; refreshes of different users run together.
SELECT pg_advisory_xact_lock_shared(hashtext('recommend.user_recs'));
