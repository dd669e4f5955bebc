-- name: AuditPayments :many
-- Every payment with the refunds asked for it (pending or succeeded).
SELECT p.id, p.booking_id, p.state, p.amount_minor, p.refunded_minor, p.currency, p.updated_at,
       coalesce((SELECT sum(r.amount_minor) FROM payments.refunds r
                 WHERE r.payment_id = p.id AND r.state <> 'failed'), 0)::bigint AS refunds_minor
FROM payments.payments p
ORDER BY p.id;
