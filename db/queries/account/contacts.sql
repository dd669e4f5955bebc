-- name: UserListContacts :many
-- The accounts among ids, for the notifications module (read-only).
SELECT * FROM account.users WHERE id = ANY(sqlc.arg(ids)::bigint[]) ORDER BY id;
