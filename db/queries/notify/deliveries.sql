-- name: DeliveryEnsure :one
-- Records a delivery the first time and returns it every time.
WITH ins AS (
    INSERT INTO notify.deliveries (message_id, channel, recipient, provider, subject, body_text, body_html)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (message_id, channel, recipient) DO NOTHING
    RETURNING *
)
SELECT * FROM ins
UNION ALL
SELECT * FROM notify.deliveries WHERE message_id = $1 AND channel = $2 AND recipient = $3
LIMIT 1;

-- name: DeliveryClaim :one
-- Takes a delivery for sending: only one worker at a time, and never one
-- that was sent or failed for good. A worker that died mid-send leaves the
-- delivery to be taken again once its lease ran out.
UPDATE notify.deliveries
SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => sqlc.arg(lease_seconds)::int), updated_at = now()
WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
RETURNING *;

-- name: DeliverySent :exec
UPDATE notify.deliveries
SET status = 'sent', provider_id = $2, error = '', lease_until = NULL, sent_at = now(), updated_at = now()
WHERE id = $1;

-- name: DeliveryFailed :exec
-- A permanent failure (bad address): never retried.
UPDATE notify.deliveries SET status = 'failed', error = $2, lease_until = NULL, updated_at = now() WHERE id = $1;

-- name: DeliveryRetry :exec
-- A temporary failure: back to pending for the job's next attempt.
UPDATE notify.deliveries SET status = 'pending', error = $2, lease_until = NULL, updated_at = now() WHERE id = $1;

-- name: DeliveryList :many
-- The outbox, newest first, with the message it belongs to.
SELECT d.id, d.channel, d.recipient, d.provider, d.status, d.attempts, d.provider_id, d.error, d.subject,
       d.created_at, d.updated_at, m.kind, m.category
FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
WHERE (sqlc.narg(status)::text IS NULL OR d.status = sqlc.narg(status))
  AND (sqlc.narg(channel)::text IS NULL OR d.channel = sqlc.narg(channel))
  AND (sqlc.narg(query)::text IS NULL OR d.recipient ILIKE '%' || sqlc.narg(query) || '%' OR d.subject ILIKE '%' || sqlc.narg(query) || '%')
  AND (sqlc.narg(before)::bigint IS NULL OR d.id < sqlc.narg(before))
ORDER BY d.id DESC
LIMIT sqlc.arg(lim);

-- name: DeliveryGet :one
SELECT d.*, m.kind, m.category, m.user_id
FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
WHERE d.id = $1;

-- name: DeliveryCounts :one
SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
       count(*) FILTER (WHERE status = 'failed')::int AS failed,
       count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS waiting
FROM notify.deliveries;

-- name: DeliveryListForMessage :many
SELECT * FROM notify.deliveries WHERE message_id = $1 ORDER BY id;

-- name: DeliveryListForMessages :many
SELECT message_id, channel, recipient, status, subject, body_text, created_at, sent_at
FROM notify.deliveries WHERE message_id = ANY(sqlc.arg(message_ids)::bigint[]) ORDER BY id;

-- name: DeliveryEraseUser :exec
-- Strips the user's deliveries of their address and what was rendered for
-- them; one still waiting is given up (there is nobody to send it to).
UPDATE notify.deliveries d
SET recipient = 'erased:' || d.id, subject = '', body_text = '', body_html = '', provider_id = '',
    status = CASE WHEN d.status IN ('pending', 'sending') THEN 'failed' ELSE d.status END,
    error = CASE WHEN d.status IN ('pending', 'sending') THEN 'The recipient deleted their account.' ELSE '' END,
    lease_until = NULL, updated_at = now()
FROM notify.messages m
WHERE m.id = d.message_id
  AND (m.user_id = sqlc.arg(user_id) OR (m.user_id IS NULL AND sqlc.arg(email)::text <> '' AND lower(m.email) = lower(sqlc.arg(email))));

-- name: DeliverySkipped :exec
-- Not sent, for good, for the reason in error (no provider for the channel).
UPDATE notify.deliveries SET status = 'skipped', error = $2, lease_until = NULL, updated_at = now() WHERE id = $1;
