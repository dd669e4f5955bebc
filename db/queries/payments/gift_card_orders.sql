-- name: GiftOrderInsert :one
INSERT INTO payments.gift_card_orders (user_id, chain_id, city_slug, currency, amount_minor, recipient_name, recipient_email,
                                       message, lang)
VALUES (sqlc.arg(user_id), sqlc.arg(chain_id), sqlc.arg(city_slug), sqlc.arg(currency), sqlc.arg(amount_minor), sqlc.arg(recipient_name),
        sqlc.arg(recipient_email), sqlc.arg(message), sqlc.arg(lang))
RETURNING *;

-- name: GiftOrderGet :one
SELECT * FROM payments.gift_card_orders WHERE id = $1;

-- name: GiftOrderGetForUpdate :one
SELECT * FROM payments.gift_card_orders WHERE id = $1 FOR UPDATE;

-- name: GiftOrderPaid :exec
UPDATE payments.gift_card_orders SET state = 'paid', card_id = sqlc.arg(card_id), paid_at = now() WHERE id = sqlc.arg(id);

-- name: GiftOrderSetState :exec
UPDATE payments.gift_card_orders SET state = sqlc.arg(state) WHERE id = sqlc.arg(id);

-- name: GiftOrderStates :many
SELECT id, state FROM payments.gift_card_orders WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: GiftOrdersOfUser :many
SELECT * FROM payments.gift_card_orders WHERE user_id = $1 ORDER BY id DESC LIMIT 50;
