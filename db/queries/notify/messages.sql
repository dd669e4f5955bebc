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

-- name: MessageDeleteUnsentForUser :exec
-- Drops the user's messages that never reached a channel (their send jobs
-- then find nothing). A user's messages are those to their account and
-- those to their address before (or without) it.
DELETE FROM notify.messages m
WHERE (m.user_id = sqlc.arg(user_id) OR (m.user_id IS NULL AND sqlc.arg(email)::text <> '' AND lower(m.email) = lower(sqlc.arg(email))))
  AND NOT EXISTS (SELECT 1 FROM notify.deliveries d WHERE d.message_id = m.id);

-- name: MessageAnonymiseUser :exec
-- Keeps what was sent, of which kind and when (the outbox's figures), but
-- nothing that says to whom or what it said.
UPDATE notify.messages m
SET user_id = NULL, email = '', data = '{}', dedup_key = 'erased:' || m.id
WHERE m.user_id = sqlc.arg(user_id) OR (m.user_id IS NULL AND sqlc.arg(email)::text <> '' AND lower(m.email) = lower(sqlc.arg(email)));

-- name: MessageListForUser :many
-- The user's messages (see MessageDeleteUnsentForUser), newest first.
SELECT id, kind, category, created_at FROM notify.messages m
WHERE m.user_id = sqlc.arg(user_id) OR (m.user_id IS NULL AND sqlc.arg(email)::text <> '' AND lower(m.email) = lower(sqlc.arg(email)))
ORDER BY created_at DESC, id DESC;
