-- name: PersonUpsert :one
INSERT INTO catalog.people (name) VALUES ($1)
ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
RETURNING id;

-- name: CreditDeleteForMovie :exec
DELETE FROM catalog.credits WHERE movie_id = $1;

-- name: CreditInsert :exec
INSERT INTO catalog.credits (movie_id, person_id, position, kind, role) VALUES ($1, $2, $3, $4, $5);

-- name: CreditListForMovie :many
SELECT c.kind, c.position, c.role, p.id AS person_id, p.name
FROM catalog.credits c JOIN catalog.people p ON p.id = c.person_id
WHERE c.movie_id = $1
ORDER BY c.kind, c.position;
