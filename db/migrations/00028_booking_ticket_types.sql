-- +goose Up
-- Each seat of a booking is sold as a ticket type. The type is copied onto
-- the seat (its code, name, proof rule) with the price it was sold at, so a
-- later change to the type never changes a sold ticket. list_price_minor
-- is the seat's full price before the type applied (NULL: price_minor is
-- the full price, as for every seat sold before ticket types).
ALTER TABLE booking.booking_seats
    ADD COLUMN ticket_type_id   bigint,
    ADD COLUMN ticket_type_code text    NOT NULL DEFAULT 'ADULT',
    ADD COLUMN ticket_type_name text    NOT NULL DEFAULT 'Adult',
    ADD COLUMN list_price_minor bigint,
    ADD COLUMN proof_required   boolean NOT NULL DEFAULT false,
    ADD COLUMN proof_note       text    NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE booking.booking_seats
    DROP COLUMN ticket_type_id,
    DROP COLUMN ticket_type_code,
    DROP COLUMN ticket_type_name,
    DROP COLUMN list_price_minor,
    DROP COLUMN proof_required,
    DROP COLUMN proof_note;
