-- The computed model: city popularity.

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
