-- name: TicketTypeListForChain :many
-- A chain's own list (the one its theaters fall back to), inactive too.
SELECT * FROM catalog.ticket_types
WHERE chain_id = $1 AND theater_id IS NULL
ORDER BY sort_order, name, id;

-- name: TicketTypeListForTheater :many
-- A theater's own list, inactive too.
SELECT * FROM catalog.ticket_types
WHERE theater_id = $1
ORDER BY sort_order, name, id;

-- name: TicketTypeInEffect :many
-- The active types a theater sells: its own list when it has any active
-- type, otherwise its chain's.
SELECT t.* FROM catalog.ticket_types t
WHERE t.active AND (
    t.theater_id = sqlc.arg(theater_id)
    OR (t.theater_id IS NULL AND t.chain_id = sqlc.arg(chain_id) AND NOT EXISTS (
        SELECT 1 FROM catalog.ticket_types o WHERE o.theater_id = sqlc.arg(theater_id) AND o.active)))
ORDER BY t.sort_order, t.name, t.id;

-- name: TicketTypeGet :one
SELECT * FROM catalog.ticket_types WHERE id = $1;

-- name: TicketTypeInsert :one
INSERT INTO catalog.ticket_types (chain_id, theater_id, code, name, sort_order, active, percent, fixed_prices,
    days, daypart, max_certification, age_note, proof_required, proof_note)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
RETURNING *;

-- name: TicketTypeUpdate :one
UPDATE catalog.ticket_types SET code = $2, name = $3, sort_order = $4, active = $5, percent = $6,
    fixed_prices = $7, days = $8, daypart = $9, max_certification = $10, age_note = $11,
    proof_required = $12, proof_note = $13, updated_at = now()
WHERE id = $1
RETURNING *;

-- name: TicketTypeSetActive :exec
UPDATE catalog.ticket_types SET active = $2, updated_at = now() WHERE id = $1;
