-- +goose Up
-- The theater (a catalogue id) each booking is for, so staff scoped to
-- some theaters see only their bookings and reports group by theater
-- without asking the catalogue about every show.
ALTER TABLE booking.bookings ADD COLUMN theater_id bigint;
UPDATE booking.bookings b SET theater_id = s.theater_id FROM catalog.shows s WHERE s.id = b.show_id;
UPDATE booking.bookings SET theater_id = 0 WHERE theater_id IS NULL;
ALTER TABLE booking.bookings ALTER COLUMN theater_id SET NOT NULL;
CREATE INDEX bookings_theater_idx ON booking.bookings (theater_id, created_at DESC);

-- +goose Down
ALTER TABLE booking.bookings DROP COLUMN theater_id;
