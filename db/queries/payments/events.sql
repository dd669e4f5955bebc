-- name: EventInsert :one
-- Stores a provider event once; a duplicate delivery returns no row.
INSERT INTO payments.events (provider, event_id, type, object_id, payload)
VALUES (sqlc.arg(provider), sqlc.arg(event_id), sqlc.arg(type), sqlc.arg(object_id), sqlc.arg(payload))
ON CONFLICT (provider, event_id) DO NOTHING
RETURNING id;

-- name: EventGet :one
SELECT * FROM payments.events WHERE id = $1;

-- name: EventGetForUpdate :one
SELECT * FROM payments.events WHERE id = $1 FOR UPDATE;

-- name: EventApplied :exec
UPDATE payments.events SET applied_at = now(), attempts = attempts + 1, result = sqlc.arg(result), last_error = ''
WHERE id = sqlc.arg(id);

-- name: EventFailed :exec
UPDATE payments.events SET attempts = attempts + 1, last_error = sqlc.arg(last_error) WHERE id = sqlc.arg(id);

-- name: EventList :many
SELECT * FROM payments.events
WHERE (sqlc.arg(object_id)::text = '' OR object_id = sqlc.arg(object_id)::text)
ORDER BY id DESC
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);
