-- name: FilmList :many
SELECT external_id, movie_id FROM tms.films WHERE connection_id = $1;

-- name: FilmInsert :exec
INSERT INTO tms.films (connection_id, external_id, movie_id) VALUES ($1, $2, $3)
ON CONFLICT (connection_id, external_id) DO UPDATE SET movie_id = EXCLUDED.movie_id;

-- name: SessionList :many
SELECT * FROM tms.sessions WHERE connection_id = $1 AND NOT cancelled ORDER BY external_id;

-- name: SessionInsert :exec
INSERT INTO tms.sessions (connection_id, external_id, show_id, starts_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (connection_id, external_id) DO UPDATE SET show_id = EXCLUDED.show_id, starts_at = EXCLUDED.starts_at,
    blocked = '{}', cancelled = false;

-- name: SessionMoved :exec
UPDATE tms.sessions SET starts_at = $3 WHERE connection_id = $1 AND external_id = $2;

-- name: SessionBlocked :exec
UPDATE tms.sessions SET blocked = $3 WHERE connection_id = $1 AND external_id = $2;

-- name: SessionCancelled :exec
UPDATE tms.sessions SET cancelled = true WHERE connection_id = $1 AND external_id = $2;
