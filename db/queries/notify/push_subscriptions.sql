-- name: PushSubscriptionUpsert :one
-- A device subscribing again (or for another user) takes over its endpoint.
INSERT INTO notify.push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (endpoint) DO UPDATE
SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent
RETURNING *;

-- name: PushSubscriptionListForUser :many
SELECT * FROM notify.push_subscriptions WHERE user_id = $1 ORDER BY id;

-- name: PushSubscriptionGet :one
SELECT * FROM notify.push_subscriptions WHERE id = $1;

-- name: PushSubscriptionDelete :exec
DELETE FROM notify.push_subscriptions WHERE id = $1;

-- name: PushSubscriptionDeleteForUser :exec
-- Removes one of the user's devices (endpoint given) or all of them ('').
DELETE FROM notify.push_subscriptions WHERE user_id = $1 AND (sqlc.arg(endpoint)::text = '' OR endpoint = sqlc.arg(endpoint));
