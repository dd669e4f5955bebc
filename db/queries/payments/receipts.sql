-- name: ReceiptSellerGet :one
SELECT * FROM payments.receipt_sellers WHERE chain_id = $1;

-- name: ReceiptSellerList :many
SELECT * FROM payments.receipt_sellers ORDER BY chain_id;

-- name: ReceiptSellerSave :exec
INSERT INTO payments.receipt_sellers (chain_id, legal_name, address, tax_scheme, tax_id, state_code, series_prefix)
VALUES (sqlc.arg(chain_id), sqlc.arg(legal_name), sqlc.arg(address), sqlc.arg(tax_scheme), sqlc.arg(tax_id),
        sqlc.arg(state_code), sqlc.arg(series_prefix))
ON CONFLICT (chain_id) DO UPDATE SET legal_name = excluded.legal_name, address = excluded.address,
    tax_scheme = excluded.tax_scheme, tax_id = excluded.tax_id, state_code = excluded.state_code,
    series_prefix = excluded.series_prefix, updated_at = now();

-- name: ReceiptSellerSeed :exec
-- A demo seller, unless staff already set that chain's.
INSERT INTO payments.receipt_sellers (chain_id, legal_name, address, tax_scheme, tax_id, state_code, series_prefix)
VALUES (sqlc.arg(chain_id), sqlc.arg(legal_name), sqlc.arg(address), sqlc.arg(tax_scheme), sqlc.arg(tax_id),
        sqlc.arg(state_code), sqlc.arg(series_prefix))
ON CONFLICT (chain_id) DO NOTHING;

-- name: ReceiptCounterTake :one
-- Takes the next number of a series. The counter row stays locked until
-- the caller's transaction ends, and a rollback gives the number back.
INSERT INTO payments.receipt_counters AS c (chain_id, year, series, next)
VALUES (sqlc.arg(chain_id), sqlc.arg(year), sqlc.arg(series), 2)
ON CONFLICT (chain_id, year, series) DO UPDATE SET next = c.next + 1
RETURNING (next - 1)::integer AS number;

-- name: ReceiptInsert :one
-- Records a document; a second one for the same payment (or refund)
-- returns nothing and changes nothing.
INSERT INTO payments.receipts (chain_id, theater_id, year, series, number, display_number, kind, payment_id, refund_id,
    original_id, booking_id, booking_code, currency, lines, net_minor, tax_minor, gross_minor, tax_lines, seller_name,
    seller_address, seller_tax_id, tax_scheme, buyer_name, buyer_email, place_of_supply, issued_at)
VALUES (sqlc.arg(chain_id), sqlc.arg(theater_id), sqlc.arg(year), sqlc.arg(series), sqlc.arg(number),
    sqlc.arg(display_number), sqlc.arg(kind), sqlc.arg(payment_id), sqlc.narg(refund_id), sqlc.narg(original_id),
    sqlc.arg(booking_id), sqlc.arg(booking_code), sqlc.arg(currency), sqlc.arg(lines), sqlc.arg(net_minor),
    sqlc.arg(tax_minor), sqlc.arg(gross_minor), sqlc.arg(tax_lines), sqlc.arg(seller_name), sqlc.arg(seller_address),
    sqlc.arg(seller_tax_id), sqlc.arg(tax_scheme), sqlc.arg(buyer_name), sqlc.arg(buyer_email),
    sqlc.arg(place_of_supply), sqlc.arg(issued_at))
ON CONFLICT DO NOTHING
RETURNING *;

-- name: ReceiptGet :one
SELECT * FROM payments.receipts WHERE id = $1;

-- name: ReceiptForPayment :one
-- The receipt or tax invoice of a payment (not its credit notes).
SELECT * FROM payments.receipts WHERE payment_id = $1 AND refund_id IS NULL;

-- name: ReceiptForRefund :one
SELECT * FROM payments.receipts WHERE refund_id = $1;

-- name: ReceiptListForBooking :many
SELECT * FROM payments.receipts WHERE booking_id = $1 ORDER BY id;
