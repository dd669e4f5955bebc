-- +goose Up
-- Guest checkout: a booking bought with an email (and optional phone)
-- only. A guest booking has user_id NULL and guest_email set; when an
-- account with that verified email signs in, the booking becomes theirs
-- (user_id set, the guest fields kept for history). Rows of deleted
-- accounts have both NULL, so there is no CHECK tying the two.
ALTER TABLE booking.bookings
    ADD COLUMN guest_email text,
    ADD COLUMN guest_phone text,
    ADD COLUMN guest_lang  text;
CREATE INDEX bookings_guest_email_idx ON booking.bookings (lower(guest_email))
    WHERE guest_email IS NOT NULL;

-- +goose Down
DROP INDEX booking.bookings_guest_email_idx;
ALTER TABLE booking.bookings DROP COLUMN guest_email, DROP COLUMN guest_phone, DROP COLUMN guest_lang;
