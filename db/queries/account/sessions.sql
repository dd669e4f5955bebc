-- name: SessionGet :one
SELECT data FROM account.sessions WHERE token = $1 AND now() < expiry;

-- name: SessionUpsert :exec
INSERT INTO account.sessions (token, data, expiry) VALUES ($1, $2, $3)
ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry;

-- name: SessionDelete :exec
DELETE FROM account.sessions WHERE token = $1;

-- name: SessionDeleteExpired :execrows
DELETE FROM account.sessions WHERE expiry < now();
