-- name: ChainGet :one
SELECT * FROM catalog.chains WHERE id = $1;

-- name: ChainGetBySlug :one
SELECT * FROM catalog.chains WHERE slug = $1;

-- name: ChainList :many
SELECT * FROM catalog.chains ORDER BY name, id;

-- name: ChainListWithTheaterCount :many
-- Chains by name with how many theaters each has, limited to the chains
-- sqlc.arg(ids) unless sqlc.arg(all) is true (the staff chains page).
SELECT sqlc.embed(c), (SELECT count(*) FROM catalog.theaters t WHERE t.chain_id = c.id)::int AS theater_count
FROM catalog.chains c
WHERE sqlc.arg(all_chains)::bool OR c.id = ANY(sqlc.arg(ids)::bigint[])
ORDER BY c.name, c.id;

-- name: ChainSlugExists :one
SELECT EXISTS (SELECT 1 FROM catalog.chains WHERE slug = $1);

-- name: ChainInsert :one
INSERT INTO catalog.chains (slug, name, brand_color, ticket_note, cancel_window_minutes, cancel_fee_minor, booking_fee_minor,
    exchange_any_movie, transfer_limit)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING *;

-- name: ChainUpdate :one
-- The slug stays: it is in links and staff logins' grants refer to the id.
UPDATE catalog.chains SET name = $2, brand_color = $3, ticket_note = $4, cancel_window_minutes = $5,
    cancel_fee_minor = $6, booking_fee_minor = $7, exchange_any_movie = $8, transfer_limit = $9, updated_at = now()
WHERE id = $1
RETURNING *;
