-- name: APIKeyInsert :one
INSERT INTO account.api_keys (name, key_hash, prefix, scopes, theater_ids, created_by)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING *;

-- name: APIKeyList :many
SELECT * FROM account.api_keys ORDER BY revoked_at IS NOT NULL, id DESC;

-- name: APIKeyGetByHash :one
SELECT * FROM account.api_keys WHERE key_hash = $1 AND revoked_at IS NULL;

-- name: APIKeyRevoke :one
UPDATE account.api_keys SET revoked_at = now()
WHERE id = $1 AND revoked_at IS NULL
RETURNING *;

-- name: APIKeyTouch :exec
-- Records a use at most once a minute, so a busy key costs one write a
-- minute rather than one per request.
UPDATE account.api_keys SET last_used_at = now()
WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
