-- What each user did with each movie: the model's input.

-- name: UserMovieBooked :one
-- Counts a booking and returns the recommendation click that led to it, if
-- one came in the attribution window.
INSERT INTO recommend.user_movies AS um (user_id, movie_id, bookings)
VALUES ($1, $2, 1)
ON CONFLICT (user_id, movie_id) DO UPDATE SET bookings = um.bookings + 1, updated_at = now()
RETURNING coalesce(CASE WHEN um.rec_clicked_at >= sqlc.arg(clicked_since)::timestamptz THEN um.rec_surface END, '')::text AS surface,
          coalesce(um.rec_list, 'movies')::text AS list;

-- name: UserMovieCancelled :exec
UPDATE recommend.user_movies SET bookings = greatest(bookings - 1, 0), updated_at = now()
WHERE user_id = $1 AND movie_id = $2;

-- name: UserMovieViewed :exec
INSERT INTO recommend.user_movies AS um (user_id, movie_id, views)
VALUES ($1, $2, 1)
ON CONFLICT (user_id, movie_id) DO UPDATE SET views = um.views + 1, updated_at = now();

-- name: UserMovieClicked :exec
INSERT INTO recommend.user_movies AS um (user_id, movie_id, clicks, rec_clicked_at, rec_surface, rec_list)
VALUES ($1, $2, 1, now(), sqlc.arg(surface), sqlc.arg(list))
ON CONFLICT (user_id, movie_id) DO UPDATE
SET clicks = um.clicks + 1, rec_clicked_at = now(), rec_surface = sqlc.arg(surface), rec_list = sqlc.arg(list),
    updated_at = now();

-- name: UserMovieFollowed :exec
INSERT INTO recommend.user_movies AS um (user_id, movie_id, followed)
VALUES ($1, $2, true)
ON CONFLICT (user_id, movie_id) DO UPDATE SET followed = true, updated_at = now();

-- name: UserMovieDismissed :exec
INSERT INTO recommend.user_movies AS um (user_id, movie_id, dismissed)
VALUES ($1, $2, true)
ON CONFLICT (user_id, movie_id) DO UPDATE SET dismissed = true, updated_at = now();

-- name: UserMovieRated :exec
INSERT INTO recommend.user_movies AS um (user_id, movie_id, stars)
VALUES ($1, $2, sqlc.arg(stars))
ON CONFLICT (user_id, movie_id) DO UPDATE SET stars = sqlc.arg(stars), updated_at = now();

-- name: UserMovieGet :one
SELECT * FROM recommend.user_movies WHERE user_id = $1 AND movie_id = $2;

-- name: UserMovieListForUser :many
SELECT * FROM recommend.user_movies WHERE user_id = $1 ORDER BY movie_id;

-- name: UserMovieListAll :many
-- Every user's signals, by user (a full recompute).
SELECT * FROM recommend.user_movies ORDER BY user_id, movie_id;

-- name: UserMovieDeleteForUser :exec
DELETE FROM recommend.user_movies WHERE user_id = $1;
