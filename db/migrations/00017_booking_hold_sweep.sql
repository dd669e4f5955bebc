-- +goose Up
-- Every live hold (unpaid: held, or being paid for), by buyer and expiry.
-- It holds only live holds (a hold leaves it when it is paid, released or
-- expired), so it stays small however many bookings there are: the hold
-- sweeper reads it whole for the holds that ran out (instead of one River
-- job per hold), and a hold reads the buyer's part of it for the cap on
-- unpaid holds.
CREATE INDEX bookings_live_holds_idx ON booking.bookings (user_id, hold_expires_at)
    WHERE status IN ('held', 'pending_payment');

-- +goose Down
DROP INDEX booking.bookings_live_holds_idx;
