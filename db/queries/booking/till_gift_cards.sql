-- name: TillSessionLockOpen :one
-- Locks an open till against its cash-up while a sale is rung up in it; no
-- row when it was closed meanwhile.
SELECT id FROM booking.till_sessions WHERE id = $1 AND closed_at IS NULL FOR SHARE;

-- name: TillGiftCardInsert :one
INSERT INTO booking.till_gift_cards (till_session_id, gift_card_id, card_last4, amount_minor, currency, method,
    tendered_minor, change_minor, form_token, sold_by, seller_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING *;

-- name: TillGiftCardByToken :one
-- The sale a form made, when the form is sent again.
SELECT * FROM booking.till_gift_cards WHERE form_token = $1;

-- name: TillGiftCardTakings :many
-- What a till took for gift cards, by method.
SELECT method, count(*)::int AS sales, coalesce(sum(amount_minor), 0)::bigint AS amount_minor
FROM booking.till_gift_cards
WHERE till_session_id = $1
GROUP BY method
ORDER BY method;

-- name: TillGiftCardList :many
-- The gift cards sold in a till, oldest first.
SELECT * FROM booking.till_gift_cards WHERE till_session_id = $1 ORDER BY created_at, id;
