-- +goose Up
-- Booking: the seats of every show, holds, bookings.
CREATE SCHEMA booking;

CREATE TABLE booking.bookings (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Short human code: unambiguous letters and digits (no 0/O, 1/I/L).
    code            text        NOT NULL UNIQUE,
    show_id         bigint      NOT NULL,
    -- NULL once the buyer deleted their account (the booking stays, anonymous).
    user_id         bigint,
    status          text        NOT NULL CHECK (status IN
                        ('held', 'pending_payment', 'confirmed', 'cancelled', 'refunded', 'expired', 'payment_failed')),
    hold_expires_at timestamptz NOT NULL,
    hold_extended   boolean     NOT NULL DEFAULT false,
    currency        text        NOT NULL,
    subtotal_minor  bigint      NOT NULL CHECK (subtotal_minor >= 0),
    fee_minor       bigint      NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
    tax_minor       bigint      NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
    discount_minor  bigint      NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
    total_minor     bigint      NOT NULL CHECK (total_minor >= 0),
    promo_code      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    confirmed_at    timestamptz,
    cancelled_at    timestamptz,
    checked_in_at   timestamptz
);
CREATE INDEX bookings_user_idx ON booking.bookings (user_id, created_at DESC);
CREATE INDEX bookings_show_idx ON booking.bookings (show_id);

-- One row per seat of a show, created from the screen's layout the first
-- time the show is opened for sale. A held seat whose hold_expires_at has
-- passed counts as free everywhere.
CREATE TABLE booking.show_seats (
    show_id         bigint      NOT NULL,
    seat            text        NOT NULL,
    row_idx         smallint    NOT NULL,
    col_idx         smallint    NOT NULL,
    category        text        NOT NULL,
    price_minor     bigint      NOT NULL CHECK (price_minor >= 0),
    state           text        NOT NULL CHECK (state IN ('free', 'held', 'booked', 'blocked')),
    booking_id      bigint      REFERENCES booking.bookings (id),
    hold_expires_at timestamptz,
    PRIMARY KEY (show_id, seat),
    CHECK ((state IN ('held', 'booked')) = (booking_id IS NOT NULL)),
    CHECK ((state = 'held') = (hold_expires_at IS NOT NULL))
);
CREATE INDEX show_seats_booking_idx ON booking.show_seats (booking_id) WHERE booking_id IS NOT NULL;

-- The seats of each booking. A seat belongs to at most one live booking:
-- the partial unique index makes selling a seat twice impossible even if
-- the code above it is wrong.
CREATE TABLE booking.booking_seats (
    booking_id  bigint  NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    show_id     bigint  NOT NULL,
    seat        text    NOT NULL,
    category    text    NOT NULL,
    price_minor bigint  NOT NULL,
    live        boolean NOT NULL DEFAULT true,
    PRIMARY KEY (booking_id, seat)
);
CREATE UNIQUE INDEX booking_seats_one_live_sale ON booking.booking_seats (show_id, seat) WHERE live;

-- What happened to a booking, for staff and support.
CREATE TABLE booking.booking_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id bigint      NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    at         timestamptz NOT NULL DEFAULT now(),
    status     text        NOT NULL,
    note       text        NOT NULL DEFAULT ''
);
CREATE INDEX booking_events_booking_idx ON booking.booking_events (booking_id, at);

-- +goose Down
DROP SCHEMA booking CASCADE;
