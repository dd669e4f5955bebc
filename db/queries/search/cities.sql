-- name: CityDocUpsert :exec
INSERT INTO search.cities (slug, name, time_zone, currency) VALUES ($1, $2, $3, $4)
ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, currency = EXCLUDED.currency;

-- name: CityDocGet :one
SELECT * FROM search.cities WHERE slug = $1;

-- name: CityDocList :many
SELECT * FROM search.cities ORDER BY name;
