-- name: CreditDeleteForMovie :exec
DELETE FROM catalog.credits WHERE movie_id = $1;

-- name: CreditInsert :exec
INSERT INTO catalog.credits (movie_id, person_id, position, kind, role) VALUES ($1, $2, $3, $4, $5);

-- name: CreditListForMovie :many
SELECT c.kind, c.position, c.role, p.id AS person_id, p.name
FROM catalog.credits c JOIN catalog.people p ON p.id = c.person_id
WHERE c.movie_id = $1
ORDER BY c.kind, c.position;

-- For the search index (search.Source).
-- name: CreditListForMovies :many
SELECT c.movie_id, c.kind, c.position, c.role, p.id AS person_id, p.name
FROM catalog.credits c JOIN catalog.people p ON p.id = c.person_id
WHERE c.movie_id = ANY(sqlc.arg(movie_ids)::bigint[])
ORDER BY c.movie_id, c.kind, c.position;

-- For the recommendations model (recommend.Catalog); read-only.
-- name: CreditListForRecommend :many
-- Directors and the top-billed cast of the given movies.
SELECT c.movie_id, c.kind, c.role, p.name
FROM catalog.credits c JOIN catalog.people p ON p.id = c.person_id
WHERE c.movie_id = ANY(sqlc.arg(movie_ids)::bigint[])
  AND ((c.kind = 'cast' AND c.position < sqlc.arg(top_cast)::int) OR (c.kind = 'crew' AND c.role = 'Director'))
ORDER BY c.movie_id, c.kind, c.position;
