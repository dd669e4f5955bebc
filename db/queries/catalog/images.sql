-- name: ImageInsert :one
INSERT INTO catalog.images (content_type, data, sha256) VALUES ($1, $2, $3) RETURNING id;

-- name: ImageGet :one
SELECT * FROM catalog.images WHERE id = $1;
