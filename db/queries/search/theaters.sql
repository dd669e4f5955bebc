-- name: CityDocUpsert :exec
INSERT INTO search.cities (slug, name, time_zone, currency) VALUES ($1, $2, $3, $4)
ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, currency = EXCLUDED.currency;

-- name: CityDocGet :one
SELECT * FROM search.cities WHERE slug = $1;

-- name: CityDocList :many
SELECT * FROM search.cities ORDER BY name;

-- name: TheaterDocUpsert :exec
INSERT INTO search.theaters (theater_id, slug, name, name_fold, city_slug, address, wheelchair, document)
VALUES (@theater_id, @slug, @name, search.fold(@name), @city_slug, @address, @wheelchair,
    setweight(to_tsvector('simple', search.fold(@name)), 'A')
    || setweight(to_tsvector('simple', search.fold(@city_name::text || ' ' || @address)), 'C'))
ON CONFLICT (theater_id) DO UPDATE SET
    slug = EXCLUDED.slug, name = EXCLUDED.name, name_fold = EXCLUDED.name_fold, city_slug = EXCLUDED.city_slug,
    address = EXCLUDED.address, wheelchair = EXCLUDED.wheelchair, document = EXCLUDED.document;
