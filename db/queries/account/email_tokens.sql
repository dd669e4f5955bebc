-- name: EmailTokenInsert :exec
INSERT INTO account.email_tokens (user_id, purpose, token_hash, new_email, expires_at)
VALUES ($1, $2, $3, $4, $5);

-- name: EmailTokenUse :one
-- Marks a live token used and returns it; no row if it is unknown, used or expired.
UPDATE account.email_tokens SET used_at = now()
WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
RETURNING *;

-- name: EmailTokenPeek :one
SELECT * FROM account.email_tokens
WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now();

-- name: EmailTokenRevokeForUser :exec
UPDATE account.email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL;
