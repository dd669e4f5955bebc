-- The computed model: similar movies.

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
