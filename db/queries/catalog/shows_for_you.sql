-- For recommend's "Showtimes for you" (recommend.Catalog); read-only.

-- name: ShowListBookableInCity :many
-- Scheduled shows with seats left in a city, starting in
-- [from_time, until_time), of the given movies (every movie when
-- movie_ids is empty), soonest first, at most lim of them.
SELECT s.* FROM catalog.shows s
JOIN catalog.theaters t ON t.id = s.theater_id
WHERE t.city_slug = sqlc.arg(city_slug) AND s.status = 'scheduled' AND s.seats_available > 0
  AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
  AND (cardinality(sqlc.arg(movie_ids)::bigint[]) = 0 OR s.movie_id = ANY(sqlc.arg(movie_ids)::bigint[]))
ORDER BY s.starts_at, s.id
LIMIT sqlc.arg(lim);
