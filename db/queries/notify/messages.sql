-- name: MessageInsert :one
-- Returns nothing (no rows) when a message with that key exists already.
INSERT INTO notify.messages (dedup_key, kind, category, user_id, email, data)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (dedup_key) DO NOTHING
RETURNING id;

-- name: MessageInsertMany :many
-- Bulk fan-out: one message per user; keys that exist are skipped.
INSERT INTO notify.messages (dedup_key, kind, category, user_id, data)
SELECT sqlc.arg(key_prefix)::text || u.id, sqlc.arg(kind)::text, sqlc.arg(category)::text, u.id, sqlc.arg(data)::jsonb
FROM unnest(sqlc.arg(user_ids)::bigint[]) AS u(id)
ON CONFLICT (dedup_key) DO NOTHING
RETURNING id;

-- name: MessageGet :one
SELECT * FROM notify.messages WHERE id = $1;

-- name: MessageDeleteForUser :exec
DELETE FROM notify.messages WHERE user_id = $1;

-- name: MessageListForUser :many
SELECT kind, created_at FROM notify.messages WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1000;
