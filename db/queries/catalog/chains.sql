-- name: ChainGet :one
SELECT * FROM catalog.chains WHERE id = $1;

-- name: ChainGetBySlug :one
SELECT * FROM catalog.chains WHERE slug = $1;

-- name: ChainList :many
SELECT * FROM catalog.chains ORDER BY name, id;
