-- name: MenuItemListForTheater :many
-- A theater's whole menu, unavailable items too, in menu order.
SELECT * FROM catalog.menu_items
WHERE theater_id = $1
ORDER BY category, sort_order, name, id;

-- name: MenuItemGet :one
SELECT * FROM catalog.menu_items WHERE id = $1;

-- name: MenuItemInsert :one
INSERT INTO catalog.menu_items (theater_id, name, description, category, price_minor, tax_bp, sizes,
    allergens, dietary, available, stock, sort_order, modifiers)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
RETURNING *;

-- name: MenuItemUpdate :one
UPDATE catalog.menu_items SET name = $2, description = $3, category = $4, price_minor = $5, tax_bp = $6,
    sizes = $7, allergens = $8, dietary = $9, available = $10, stock = $11, sort_order = $12, modifiers = $13, updated_at = now()
WHERE id = $1
RETURNING *;

-- name: MenuItemSetAvailable :exec
UPDATE catalog.menu_items SET available = $2, updated_at = now() WHERE id = $1;

-- name: MenuItemSetStock :exec
UPDATE catalog.menu_items SET stock = $2, updated_at = now() WHERE id = $1;

-- name: MenuItemTakeStock :execrows
-- Takes qty from a limited stock only when that much is left, so stock
-- never goes below zero; unlimited items (NULL) always succeed.
UPDATE catalog.menu_items SET stock = stock - sqlc.arg(qty)::int
WHERE id = sqlc.arg(id) AND (stock IS NULL OR stock >= sqlc.arg(qty)::int);

-- name: MenuItemReturnStock :exec
UPDATE catalog.menu_items SET stock = stock + sqlc.arg(qty)::int
WHERE id = sqlc.arg(id) AND stock IS NOT NULL;

-- name: MenuItemUpsertDemo :exec
-- Demo seeding: insert the item unless the theater has one of that name.
INSERT INTO catalog.menu_items (theater_id, name, description, category, price_minor, tax_bp, sizes,
    allergens, dietary, sort_order)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (theater_id, lower(name)) DO NOTHING;

-- name: MenuItemSetPicture :exec
UPDATE catalog.menu_items SET picture_image_id = $2, updated_at = now() WHERE id = $1;
