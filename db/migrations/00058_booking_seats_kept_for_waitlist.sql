-- +goose Up
-- A seat freed while people wait for a sold-out show is kept for them
-- until the waitlist's offer job runs: held, with hold_expires_at, but by
-- no booking (WaitlistReserveFree). Anyone may take it once that time has
-- passed, as after any hold that ran out. Booked seats still name their
-- booking, and free or blocked seats none.
ALTER TABLE booking.show_seats DROP CONSTRAINT show_seats_check;
ALTER TABLE booking.show_seats ADD CONSTRAINT show_seats_check
    CHECK (CASE state WHEN 'booked' THEN booking_id IS NOT NULL WHEN 'held' THEN true ELSE booking_id IS NULL END);

-- +goose Down
UPDATE booking.show_seats SET state = 'free', hold_expires_at = NULL WHERE state = 'held' AND booking_id IS NULL;
ALTER TABLE booking.show_seats DROP CONSTRAINT show_seats_check;
ALTER TABLE booking.show_seats ADD CONSTRAINT show_seats_check CHECK ((state IN ('held', 'booked')) = (booking_id IS NOT NULL));
