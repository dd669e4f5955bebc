-- The computed model: movie features.

-- name: MovieFeatureDeleteAll :exec
DELETE FROM recommend.movie_features;

-- name: MovieFeatureInsert :copyfrom
INSERT INTO recommend.movie_features (movie_id, title, features, weights, popularity) VALUES ($1, $2, $3, $4, $5);

-- name: MovieFeatureListAll :many
SELECT * FROM recommend.movie_features ORDER BY movie_id;
