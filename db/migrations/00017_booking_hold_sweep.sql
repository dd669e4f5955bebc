-- +goose Up
-- Holds run out through a sweeper that reclaims them in batches instead of
-- one River job per hold: it finds the unpaid bookings whose hold ran out
-- by this index, which holds only live holds (a hold leaves it when it is
-- paid, released or expired), so it stays small however many bookings
-- there are.
CREATE INDEX bookings_hold_runs_out_idx ON booking.bookings (hold_expires_at)
    WHERE status IN ('held', 'pending_payment');

-- +goose Down
DROP INDEX booking.bookings_hold_runs_out_idx;
