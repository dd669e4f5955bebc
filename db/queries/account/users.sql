-- name: UserInsert :one
INSERT INTO account.users (email, name, password_hash, role, email_verified_at, lang)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING *;

-- name: UserGet :one
SELECT * FROM account.users WHERE id = $1;

-- name: UserGetByEmail :one
SELECT * FROM account.users WHERE email = $1;

-- name: UserSetRole :exec
UPDATE account.users SET role = $2, updated_at = now() WHERE id = $1;

-- name: UserSetPassword :exec
UPDATE account.users SET password_hash = $2, updated_at = now() WHERE id = $1;

-- name: UserListAdmin :many
SELECT * FROM account.users
WHERE (sqlc.narg(query)::text IS NULL OR email ILIKE '%' || sqlc.narg(query) || '%' OR name ILIKE '%' || sqlc.narg(query) || '%')
  AND (sqlc.narg(role)::text IS NULL OR role = sqlc.narg(role))
ORDER BY role DESC, created_at DESC
LIMIT 100;

-- name: UserCountAdmins :one
SELECT count(*) FROM account.users WHERE role = 'admin';

-- name: UserMarkVerified :exec
UPDATE account.users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1;

-- name: UserUpdateProfile :exec
UPDATE account.users SET name = $2, phone_sealed = $3, home_city = $4, preferred_languages = $5,
    preferred_genres = $6, lang = $7, updated_at = now()
WHERE id = $1;

-- name: UserSetLang :execrows
UPDATE account.users SET lang = $2, updated_at = now() WHERE id = $1;

-- name: UserSetEmail :exec
UPDATE account.users SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1;

-- name: UserDelete :exec
DELETE FROM account.users WHERE id = $1;

-- name: UserListSealedPhonesNotWithKey :many
-- Users whose phone was sealed with a key other than the current one.
SELECT id, phone_sealed FROM account.users
WHERE phone_sealed <> '' AND phone_sealed NOT LIKE sqlc.arg(current_key)::text || '.%'
ORDER BY id LIMIT 500;

-- name: UserSetPhoneSealed :exec
UPDATE account.users SET phone_sealed = $2 WHERE id = $1;

-- name: UserInsertSSO :one
INSERT INTO account.users (email, name, role, email_verified_at) VALUES ($1, $2, 'customer', now())
RETURNING *;

-- name: UserListContacts :many
-- The accounts among ids, for the notifications module (read-only).
SELECT * FROM account.users WHERE id = ANY(sqlc.arg(ids)::bigint[]) ORDER BY id;

-- name: UserGetByAccessFamily :one
-- The user of an access token, provided the sign-in it came from (its
-- refresh-token family) has not been revoked by a sign-out, a password
-- change or a detected token theft.
SELECT u.* FROM account.users u
WHERE u.id = sqlc.arg(id) AND EXISTS (
    SELECT 1 FROM account.refresh_tokens r
    WHERE r.family = sqlc.arg(family) AND r.user_id = u.id AND r.revoked_at IS NULL);

-- name: UserGetSignedIn :one
-- The signed-in user and their roles at cinemas, in one round trip (every
-- signed-in request asks).
SELECT sqlc.embed(u),
       coalesce((SELECT jsonb_agg(jsonb_build_object('role', r.role, 'chain', r.chain_id, 'theater', coalesce(r.theater_id, 0)))
                 FROM account.staff_roles r WHERE r.user_id = u.id), '[]')::jsonb AS staff_roles
FROM account.users u WHERE u.id = $1;
