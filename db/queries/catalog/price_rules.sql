-- name: PriceRuleListForTheater :many
SELECT * FROM catalog.price_rules WHERE theater_id = $1 ORDER BY category, day_kind, daypart;

-- name: PriceRuleUpsert :exec
INSERT INTO catalog.price_rules (theater_id, category, day_kind, daypart, amount_minor)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (theater_id, category, day_kind, daypart) DO UPDATE SET amount_minor = EXCLUDED.amount_minor;

-- name: PriceRuleDelete :exec
DELETE FROM catalog.price_rules WHERE id = $1 AND theater_id = $2;
