-- name: ConnectionGet :one
SELECT * FROM tms.connections WHERE id = $1;

-- name: ConnectionByTheater :one
SELECT * FROM tms.connections WHERE theater_id = $1;

-- name: ConnectionSave :one
-- Creates or updates a theater's connection; an empty key keeps the old one.
INSERT INTO tms.connections (theater_id, feed_url, key_sealed, enabled, interval_minutes)
VALUES (sqlc.arg(theater_id), sqlc.arg(feed_url), sqlc.arg(key_sealed), sqlc.arg(enabled), sqlc.arg(interval_minutes))
ON CONFLICT (theater_id) DO UPDATE SET
    feed_url = EXCLUDED.feed_url,
    key_sealed = CASE WHEN EXCLUDED.key_sealed = '' THEN tms.connections.key_sealed ELSE EXCLUDED.key_sealed END,
    -- A new address is a new feed: its ETag means nothing.
    etag = CASE WHEN EXCLUDED.feed_url = tms.connections.feed_url THEN tms.connections.etag ELSE '' END,
    enabled = EXCLUDED.enabled,
    interval_minutes = EXCLUDED.interval_minutes,
    updated_at = now()
RETURNING *;

-- name: ConnectionDue :many
-- Enabled connections whose interval has passed since their last run.
SELECT id FROM tms.connections
WHERE enabled AND (last_run_at IS NULL OR last_run_at + make_interval(mins => interval_minutes) <= sqlc.arg(now)::timestamptz)
ORDER BY id;

-- name: ConnectionRan :exec
UPDATE tms.connections SET last_run_at = sqlc.arg(at), etag = sqlc.arg(etag) WHERE id = sqlc.arg(id);
