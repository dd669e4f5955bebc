-- name: CityList :many
SELECT * FROM catalog.cities ORDER BY name;

-- name: CityGet :one
SELECT * FROM catalog.cities WHERE slug = $1;

-- name: CityUpsert :exec
INSERT INTO catalog.cities (slug, name, time_zone, currency) VALUES ($1, $2, $3, $4)
ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, currency = EXCLUDED.currency;
