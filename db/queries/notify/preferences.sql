-- name: PreferenceList :many
SELECT * FROM notify.preferences WHERE user_id = $1;

-- name: PreferenceGet :one
SELECT * FROM notify.preferences WHERE user_id = $1 AND category = $2;

-- name: PreferenceUpsert :exec
INSERT INTO notify.preferences (user_id, category, email, sms, push)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (user_id, category) DO UPDATE
SET email = excluded.email, sms = excluded.sms, push = excluded.push, updated_at = now();

-- name: PreferenceOptedIn :many
-- Users who want a category on some channel, in id order from after.
SELECT user_id FROM notify.preferences
WHERE category = $1 AND (email OR sms OR push) AND user_id > sqlc.arg(after)::bigint
ORDER BY user_id
LIMIT sqlc.arg(lim);

-- name: PreferenceDeleteForUser :exec
DELETE FROM notify.preferences WHERE user_id = $1;
