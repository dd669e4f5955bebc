-- name: StaffRoleListByUser :many
SELECT * FROM account.staff_roles WHERE user_id = $1 ORDER BY chain_id, theater_id NULLS FIRST;

-- name: StaffRoleListByChains :many
-- Everyone working in the chains (chain_ids) or at the theaters
-- (theater_ids), with their names, for the staff page.
SELECT r.*, u.email, u.name
FROM account.staff_roles r JOIN account.users u ON u.id = r.user_id
WHERE sqlc.arg(all_places)::boolean OR r.chain_id = ANY(sqlc.arg(chain_ids)::bigint[])
   OR r.theater_id = ANY(sqlc.arg(theater_ids)::bigint[])
ORDER BY r.chain_id, r.theater_id NULLS FIRST, u.name, r.id
LIMIT 500;

-- name: StaffRoleUpsert :one
-- Grants role at a place, replacing the person's role there.
INSERT INTO account.staff_roles (user_id, role, chain_id, theater_id, granted_by)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (user_id, chain_id, coalesce(theater_id, 0))
DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, created_at = now()
RETURNING *;

-- name: StaffRoleGet :one
SELECT * FROM account.staff_roles WHERE id = $1;

-- name: StaffRoleDelete :execrows
DELETE FROM account.staff_roles WHERE id = $1;
