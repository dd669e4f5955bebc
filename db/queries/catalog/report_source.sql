-- What manager reports read from the catalogue.

-- name: ReportTheaters :many
-- The theaters a staff scope covers, with their time zone and currency.
SELECT t.id, t.name, t.time_zone, c.currency
FROM catalog.theaters t
JOIN catalog.cities c ON c.slug = t.city_slug
WHERE sqlc.arg(all_theaters)::bool OR t.chain_id = ANY(sqlc.arg(chain_ids)::bigint[])
   OR t.id = ANY(sqlc.arg(theater_ids)::bigint[])
ORDER BY t.name, t.id;

-- name: ReportShows :many
-- The live shows of some theaters starting in [from, until), with the
-- names a report prints.
SELECT sqlc.embed(s), m.title AS movie_title, t.name AS theater_name, t.time_zone, c.currency, sc.name AS screen_name
FROM catalog.shows s
JOIN catalog.movies m ON m.id = s.movie_id
JOIN catalog.theaters t ON t.id = s.theater_id
JOIN catalog.cities c ON c.slug = t.city_slug
JOIN catalog.screens sc ON sc.id = s.screen_id
WHERE s.theater_id = ANY(sqlc.arg(theater_ids)::bigint[]) AND s.status <> 'cancelled'
  AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
ORDER BY s.starts_at, t.name, sc.name;
