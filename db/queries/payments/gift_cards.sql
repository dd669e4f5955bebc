-- name: GiftCardInsert :one
INSERT INTO payments.gift_cards (code_hash, code_last4, chain_id, currency, initial_minor, balance_minor, expires_at,
                                 issued_by, recipient_name, recipient_email, message)
VALUES (sqlc.arg(code_hash), sqlc.arg(code_last4), sqlc.narg(chain_id), sqlc.arg(currency), sqlc.arg(amount_minor),
        sqlc.arg(amount_minor), sqlc.arg(expires_at), sqlc.arg(issued_by), sqlc.arg(recipient_name),
        sqlc.arg(recipient_email), sqlc.arg(message))
RETURNING *;

-- name: GiftCardByHash :one
SELECT * FROM payments.gift_cards WHERE code_hash = $1;

-- name: GiftCardByHashForUpdate :one
SELECT * FROM payments.gift_cards WHERE code_hash = $1 FOR UPDATE;

-- name: GiftCardGet :one
SELECT * FROM payments.gift_cards WHERE id = $1;

-- name: GiftCardGetForUpdate :one
SELECT * FROM payments.gift_cards WHERE id = $1 FOR UPDATE;

-- name: GiftCardsOfBookingForUpdate :many
-- Locks the cards a booking uses, in id order (every path that locks more
-- than one card takes them in this order, so two never deadlock).
SELECT * FROM payments.gift_cards
WHERE id IN (SELECT card_id FROM payments.gift_card_redemptions WHERE booking_id = $1)
ORDER BY id
FOR UPDATE;

-- name: GiftCardSetBalance :exec
UPDATE payments.gift_cards SET balance_minor = sqlc.arg(balance_minor) WHERE id = sqlc.arg(id);

-- name: GiftCardVoid :exec
UPDATE payments.gift_cards SET status = 'void', balance_minor = 0 WHERE id = $1;

-- name: GiftCardList :many
-- Cards newest first, those of chains (all when all_chains; NULL-chain cards
-- only then), optionally ending in last4.
SELECT * FROM payments.gift_cards
WHERE (sqlc.arg(all_chains)::boolean OR chain_id = ANY(sqlc.arg(chain_ids)::bigint[]))
  AND (sqlc.arg(last4)::text = '' OR code_last4 = sqlc.arg(last4))
ORDER BY id DESC
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: GiftCardLedgerInsert :exec
INSERT INTO payments.gift_card_ledger (card_id, kind, amount_minor, balance_after, booking_id, refund_key, actor, note)
VALUES (sqlc.arg(card_id), sqlc.arg(kind), sqlc.arg(amount_minor), sqlc.arg(balance_after), sqlc.narg(booking_id),
        sqlc.narg(refund_key), sqlc.arg(actor), sqlc.arg(note));

-- name: GiftCardLedgerList :many
SELECT * FROM payments.gift_card_ledger WHERE card_id = $1 ORDER BY id;

-- name: GiftCardLedgerRefunded :one
-- What one refund request already gave back to a booking's cards.
SELECT count(*)::bigint AS rows, coalesce(sum(amount_minor), 0)::bigint AS amount
FROM payments.gift_card_ledger
WHERE booking_id = sqlc.arg(booking_id) AND refund_key = sqlc.arg(refund_key) AND kind = 'refund';

-- name: GiftCardRedemptionGetForUpdate :one
SELECT * FROM payments.gift_card_redemptions WHERE booking_id = $1 AND card_id = $2 FOR UPDATE;

-- name: GiftCardRedemptionInsert :exec
INSERT INTO payments.gift_card_redemptions (card_id, booking_id, amount_minor, state)
VALUES (sqlc.arg(card_id), sqlc.arg(booking_id), sqlc.arg(amount_minor), 'held');

-- name: GiftCardRedemptionRehold :exec
-- A released redemption used again: a new hold, nothing refunded.
UPDATE payments.gift_card_redemptions
SET amount_minor = sqlc.arg(amount_minor), refunded_minor = 0, state = 'held', updated_at = now()
WHERE id = sqlc.arg(id);

-- name: GiftCardRedemptionsOfBooking :many
-- A booking's redemptions, newest first; the caller holds their cards' locks
-- (GiftCardsOfBookingForUpdate).
SELECT * FROM payments.gift_card_redemptions WHERE booking_id = $1 ORDER BY id DESC;

-- name: GiftCardRedemptionSetState :exec
UPDATE payments.gift_card_redemptions SET state = sqlc.arg(state), updated_at = now() WHERE id = sqlc.arg(id);

-- name: GiftCardRedemptionAddRefunded :exec
UPDATE payments.gift_card_redemptions SET refunded_minor = refunded_minor + sqlc.arg(amount_minor), updated_at = now()
WHERE id = sqlc.arg(id);

-- name: GiftCardHeldForBooking :one
-- What a booking's cards pay: held or captured, less what went back.
SELECT coalesce(sum(amount_minor - refunded_minor), 0)::bigint FROM payments.gift_card_redemptions
WHERE booking_id = $1 AND state IN ('held', 'captured');

-- name: GiftCardOpenHolds :one
SELECT count(*)::bigint FROM payments.gift_card_redemptions WHERE card_id = $1 AND state = 'held';

-- name: GiftCardsToWriteOff :many
-- Active cards past their expiry with money left on them, oldest first.
SELECT id FROM payments.gift_cards
WHERE status = 'active' AND balance_minor > 0 AND expires_at < sqlc.arg(now)
ORDER BY id
LIMIT sqlc.arg(lim);
