-- name: IdentityGet :one
SELECT * FROM account.identities WHERE provider = $1 AND subject = $2;

-- name: IdentityInsert :exec
INSERT INTO account.identities (provider, subject, user_id, email) VALUES ($1, $2, $3, $4);
