-- The record of each full run of the model.

-- name: ModelRunInsert :one
INSERT INTO recommend.model_runs (users, movies, duration_ms) VALUES ($1, $2, $3) RETURNING id;

-- name: ModelRunLatest :one
SELECT * FROM recommend.model_runs ORDER BY id DESC LIMIT 1;
