-- name: TheaterInsert :one
INSERT INTO catalog.theaters (slug, name, city_slug, address, latitude, longitude, time_zone, amenities, trailer_minutes, cleaning_minutes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING *;

-- name: TheaterUpdate :one
UPDATE catalog.theaters SET name = $2, city_slug = $3, address = $4, latitude = $5, longitude = $6,
    time_zone = $7, amenities = $8, trailer_minutes = $9, cleaning_minutes = $10
WHERE id = $1
RETURNING *;

-- name: TheaterGet :one
SELECT * FROM catalog.theaters WHERE id = $1;

-- name: TheaterGetBySlug :one
SELECT * FROM catalog.theaters WHERE slug = $1;

-- name: TheaterSlugExists :one
SELECT EXISTS (SELECT 1 FROM catalog.theaters WHERE slug = $1);

-- name: TheaterList :many
SELECT * FROM catalog.theaters ORDER BY city_slug, name;

-- name: TheaterListInCity :many
SELECT * FROM catalog.theaters WHERE city_slug = $1 ORDER BY name;
