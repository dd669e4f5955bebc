-- name: DeviceTokenGetByToken :one
SELECT * FROM notify.device_tokens WHERE platform = $1 AND token = $2;

-- name: DeviceTokenUpsert :one
-- An install registering again (or for another user) takes over its token.
INSERT INTO notify.device_tokens (user_id, platform, token, app_id, device_name)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (platform, token) DO UPDATE
SET user_id = excluded.user_id, app_id = excluded.app_id, device_name = excluded.device_name
RETURNING *;

-- name: DeviceTokenListForUser :many
SELECT * FROM notify.device_tokens WHERE user_id = $1 ORDER BY id;

-- name: DeviceTokenDeleteForUser :execrows
DELETE FROM notify.device_tokens WHERE id = $1 AND user_id = $2 AND platform = $3;

-- name: DeviceTokenDelete :exec
DELETE FROM notify.device_tokens WHERE id = $1;

-- name: DeviceTokenDeleteAllForUser :exec
DELETE FROM notify.device_tokens WHERE user_id = $1;
