-- name: TheaterInsert :one
-- A chain_id of 0 puts the theater with the independents.
INSERT INTO catalog.theaters (slug, name, city_slug, address, latitude, longitude, time_zone, amenities, trailer_minutes, cleaning_minutes, chain_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
        CASE WHEN sqlc.arg(chain_id)::bigint = 0 THEN (SELECT id FROM catalog.chains WHERE slug = 'independent')
             ELSE sqlc.arg(chain_id)::bigint END)
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

-- name: TheaterIDsIn :many
-- The theaters of the chains sqlc.arg(chain_ids) and the theaters
-- sqlc.arg(theater_ids), by id (what a staff member's authz.Filter covers).
SELECT id FROM catalog.theaters
WHERE chain_id = ANY(sqlc.arg(chain_ids)::bigint[]) OR id = ANY(sqlc.arg(theater_ids)::bigint[])
ORDER BY id;

-- name: TheaterListInCity :many
SELECT * FROM catalog.theaters WHERE city_slug = $1 ORDER BY name;

-- name: DashboardToday :many
-- The admin dashboard in one round trip: how many movies are now showing,
-- then every theater with its live shows starting on the theater's own
-- local day containing sqlc.arg(now), of the theaters the viewer manages
-- (sqlc.arg(all_theaters), or those of sqlc.arg(chain_ids) and
-- sqlc.arg(theater_ids)). A theater without shows that day comes once, with
-- null show columns; with no theaters at all, one row carries the movie
-- count alone.
SELECT n.movies_now_showing,
       t.id AS theater_id, t.name AS theater_name, t.time_zone,
       s.id AS show_id, s.starts_at, s.ends_at, s.format, s.language,
       s.seats_total, s.seats_available, sc.name AS screen_name, m.title AS movie_title
FROM (SELECT count(*) AS movies_now_showing FROM catalog.movies WHERE status = 'now_showing') n
LEFT JOIN catalog.theaters t ON sqlc.arg(all_theaters)::bool
    OR t.chain_id = ANY(sqlc.arg(chain_ids)::bigint[]) OR t.id = ANY(sqlc.arg(theater_ids)::bigint[])
LEFT JOIN catalog.shows s ON s.theater_id = t.id AND s.status <> 'cancelled'
    AND s.starts_at >= date_trunc('day', sqlc.arg(now)::timestamptz AT TIME ZONE t.time_zone) AT TIME ZONE t.time_zone
    AND s.starts_at < (date_trunc('day', sqlc.arg(now)::timestamptz AT TIME ZONE t.time_zone) + interval '1 day') AT TIME ZONE t.time_zone
LEFT JOIN catalog.screens sc ON sc.id = s.screen_id
LEFT JOIN catalog.movies m ON m.id = s.movie_id
ORDER BY t.name, t.id, s.starts_at, sc.name;

-- For the API's theater list (GET /api/v1/theaters).
-- name: TheaterListPublic :many
-- One keyset page of theaters, in sqlc.narg(city_slug) or everywhere, by
-- name (ties by id).
SELECT * FROM catalog.theaters
WHERE (sqlc.narg(city_slug)::text IS NULL OR city_slug = sqlc.narg(city_slug))
  AND (name, id) > (sqlc.arg(after_name)::text, sqlc.arg(after_id)::bigint)
ORDER BY name, id
LIMIT sqlc.arg(lim);

-- name: TheaterListPublicByDistance :many
-- One keyset page of theaters, nearest to (lat, lng) first by great-circle
-- distance in km (haversine on a 6371 km sphere); those without
-- coordinates come last (far = 1, distance 0), by id.
SELECT sqlc.embed(t), d.far::int AS far, d.km::float8 AS distance_km
FROM catalog.theaters t
CROSS JOIN LATERAL (
    SELECT CASE WHEN t.latitude IS NULL OR t.longitude IS NULL THEN 1 ELSE 0 END AS far,
           COALESCE(2 * 6371 * asin(least(1, sqrt(
               sin(radians(t.latitude - sqlc.arg(lat)::float8) / 2) ^ 2
               + cos(radians(sqlc.arg(lat)::float8)) * cos(radians(t.latitude))
                 * sin(radians(t.longitude - sqlc.arg(lng)::float8) / 2) ^ 2))), 0) AS km
) d
WHERE (sqlc.narg(city_slug)::text IS NULL OR t.city_slug = sqlc.narg(city_slug))
  AND (d.far, d.km, t.id) > (sqlc.arg(after_far)::int, sqlc.arg(after_km)::float8, sqlc.arg(after_id)::bigint)
ORDER BY d.far, d.km, t.id
LIMIT sqlc.arg(lim);
