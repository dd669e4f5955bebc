-- Bulk reads for the recommendations model (recommend.Catalog). Read-only.

-- name: MovieListForRecommend :many
-- Every movie that is not archived, by id.
SELECT * FROM catalog.movies WHERE status <> 'archived' ORDER BY id;

-- name: CreditListForRecommend :many
-- Directors and the top-billed cast of the given movies.
SELECT c.movie_id, c.kind, c.role, p.name
FROM catalog.credits c JOIN catalog.people p ON p.id = c.person_id
WHERE c.movie_id = ANY(sqlc.arg(movie_ids)::bigint[])
  AND ((c.kind = 'cast' AND c.position < sqlc.arg(top_cast)::int) OR (c.kind = 'crew' AND c.role = 'Director'))
ORDER BY c.movie_id, c.kind, c.position;

-- name: ShowDemandByCity :many
-- Per city and movie, the live shows starting in [from_time, until_time)
-- and the seats already sold for them.
SELECT t.city_slug, s.movie_id, count(*)::int AS shows,
       sum(s.seats_total - s.seats_available)::bigint AS seats_sold
FROM catalog.shows s JOIN catalog.theaters t ON t.id = s.theater_id
WHERE s.status <> 'cancelled' AND s.starts_at >= sqlc.arg(from_time) AND s.starts_at < sqlc.arg(until_time)
GROUP BY t.city_slug, s.movie_id
ORDER BY t.city_slug, s.movie_id;
