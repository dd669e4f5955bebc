-- name: RefreshFamilyNext :one
SELECT nextval('account.refresh_token_family_seq')::bigint;

-- name: RefreshInsert :exec
INSERT INTO account.refresh_tokens (family, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4);

-- name: RefreshGetForUpdate :one
SELECT * FROM account.refresh_tokens WHERE token_hash = $1 FOR UPDATE;

-- name: RefreshMarkUsed :exec
UPDATE account.refresh_tokens SET used_at = now() WHERE id = $1;

-- name: RefreshRevokeFamily :exec
UPDATE account.refresh_tokens SET revoked_at = now() WHERE family = $1 AND revoked_at IS NULL;

-- name: RefreshRevokeUser :exec
UPDATE account.refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL;
