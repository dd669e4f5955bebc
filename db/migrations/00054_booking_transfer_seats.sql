-- +goose Up
-- Transfers of some of a booking's seats, and to guests. seats names the
-- seats offered (NULL: all the booking has when the offer is accepted).
-- to_booking_id is the receiver's booking once accepted: the same booking
-- when it all went (it was given to them with a new code), or a new one
-- split off with the seats offered. The payment stays with booking_id, the
-- booking first paid for, so a split booking is never refunded online.
-- to_user_id stays NULL when a guest (an email only) accepted.
ALTER TABLE booking.booking_transfers
    ADD COLUMN seats         text[] CHECK (cardinality(seats) BETWEEN 1 AND 50),
    ADD COLUMN to_booking_id bigint REFERENCES booking.bookings (id);
UPDATE booking.booking_transfers SET to_booking_id = booking_id WHERE state = 'accepted';
ALTER TABLE booking.booking_transfers
    DROP CONSTRAINT booking_transfers_accepted,
    ADD CONSTRAINT booking_transfers_accepted CHECK ((state = 'accepted') = (to_booking_id IS NOT NULL));
CREATE INDEX booking_transfers_to_booking_idx ON booking.booking_transfers (to_booking_id)
    WHERE to_booking_id IS NOT NULL;

-- +goose Down
DROP INDEX booking.booking_transfers_to_booking_idx;
DELETE FROM booking.booking_transfers WHERE state = 'accepted' AND to_user_id IS NULL;
ALTER TABLE booking.booking_transfers
    DROP CONSTRAINT booking_transfers_accepted,
    ADD CONSTRAINT booking_transfers_accepted CHECK ((state = 'accepted') = (to_user_id IS NOT NULL)),
    DROP COLUMN to_booking_id,
    DROP COLUMN seats;
