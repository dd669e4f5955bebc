-- +goose Up
-- Cancellations: what was refunded and why, for the buyer's and staff pages.
ALTER TABLE booking.bookings
    ADD COLUMN refund_minor  bigint NOT NULL DEFAULT 0 CHECK (refund_minor >= 0),
    ADD COLUMN cancel_reason text   NOT NULL DEFAULT '';
CREATE INDEX bookings_show_live_idx ON booking.bookings (show_id)
    WHERE status IN ('held', 'pending_payment', 'payment_failed', 'confirmed');
-- One unpaid hold per buyer per show: a second tab's choice replaces the
-- first (the service releases it; this index settles two tabs racing).
CREATE UNIQUE INDEX bookings_one_hold_per_show ON booking.bookings (user_id, show_id) WHERE status = 'held';

-- +goose Down
DROP INDEX booking.bookings_one_hold_per_show;
DROP INDEX booking.bookings_show_live_idx;
ALTER TABLE booking.bookings DROP COLUMN refund_minor, DROP COLUMN cancel_reason;
