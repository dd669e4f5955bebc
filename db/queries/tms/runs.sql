-- name: RunStart :one
INSERT INTO tms.runs (connection_id, started_at, status) VALUES ($1, $2, 'running') RETURNING id;

-- name: RunFinish :exec
UPDATE tms.runs SET finished_at = sqlc.arg(finished_at), status = sqlc.arg(status), scheduled = sqlc.arg(scheduled),
    moved = sqlc.arg(moved), cancelled = sqlc.arg(cancelled), repriced = sqlc.arg(repriced),
    seats_blocked = sqlc.arg(seats_blocked), refused = sqlc.arg(refused), log = sqlc.arg(log)
WHERE id = sqlc.arg(id);

-- name: RunList :many
-- The latest runs of a connection, newest first.
SELECT * FROM tms.runs WHERE connection_id = $1 ORDER BY id DESC LIMIT $2;

-- name: RunGet :one
SELECT * FROM tms.runs WHERE id = $1;
