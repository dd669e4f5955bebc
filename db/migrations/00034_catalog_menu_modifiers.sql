-- +goose Up
-- Menu items gain option groups and a picture. modifiers lists the
-- item's groups as [{"name": "Flavour", "min": 1, "max": 1, "options":
-- [{"name": "Sweet", "price_minor": 30}, ...]}, ...]: the buyer picks
-- from min to max options of each group, each adding its price (before
-- tax) to the unit price. picture_image_id is the item's uploaded
-- picture (re-encoded like posters), NULL for none.
ALTER TABLE catalog.menu_items
    ADD COLUMN modifiers        jsonb  NOT NULL DEFAULT '[]',
    ADD COLUMN picture_image_id bigint REFERENCES catalog.images (id) ON DELETE SET NULL;

-- +goose Down
ALTER TABLE catalog.menu_items DROP COLUMN picture_image_id, DROP COLUMN modifiers;
