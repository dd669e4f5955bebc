-- name: PersonUpsert :one
INSERT INTO catalog.people (name) VALUES ($1)
ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
RETURNING id;
