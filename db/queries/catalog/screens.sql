-- name: ScreenInsert :one
INSERT INTO catalog.screens (theater_id, name, formats, layout, seat_count)
VALUES ($1, $2, $3, $4, $5)
RETURNING *;

-- name: ScreenUpdate :one
UPDATE catalog.screens SET name = $2, formats = $3, layout = $4, seat_count = $5, updated_at = now()
WHERE id = $1
RETURNING *;

-- name: ScreenGet :one
SELECT * FROM catalog.screens WHERE id = $1;

-- name: ScreenGetForUpdate :one
SELECT * FROM catalog.screens WHERE id = $1 FOR UPDATE;

-- name: ScreenListForTheater :many
SELECT * FROM catalog.screens WHERE theater_id = $1 ORDER BY name;

-- name: ScreenAdminChoices :many
-- Every screen without its layout, for the scheduling forms and imports.
SELECT id, theater_id, name, formats, seat_count FROM catalog.screens ORDER BY theater_id, name;

-- For the search index (search.Source).
-- name: ScreenListAll :many
SELECT * FROM catalog.screens ORDER BY id;
