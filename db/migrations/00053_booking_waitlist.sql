-- +goose Up
-- A show's waitlist: buyers who want seats of a sold-out show. When seats
-- free up, the first waiting entry (by join time) that the free seats can
-- serve (how many, together in one row, at most max_price_minor a seat) is
-- offered them: they are held for the buyer as an ordinary held booking
-- (offer_booking_id) until offer_expires_at. An offer that runs out unpaid,
-- or is declined, ends the entry (expired or declined) and the seats go to
-- the next. The partial unique index allows one active entry (waiting or
-- offered) per buyer and show.
CREATE TABLE booking.waitlist_entries (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    show_id          bigint      NOT NULL,
    -- the account (a plain id across modules)
    user_id          bigint      NOT NULL,
    seats            int         NOT NULL CHECK (seats BETWEEN 1 AND 10),
    together         boolean     NOT NULL DEFAULT false,
    max_price_minor  bigint      CHECK (max_price_minor > 0),
    state            text        NOT NULL DEFAULT 'waiting'
                                 CHECK (state IN ('waiting', 'offered', 'booked', 'expired', 'declined', 'left')),
    offer_booking_id bigint      REFERENCES booking.bookings (id) ON DELETE SET NULL,
    offer_expires_at timestamptz,
    offers           int         NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_entries_offer CHECK (state <> 'offered' OR offer_expires_at IS NOT NULL)
);
CREATE UNIQUE INDEX waitlist_entries_one_active ON booking.waitlist_entries (show_id, user_id)
    WHERE state IN ('waiting', 'offered');
CREATE UNIQUE INDEX waitlist_entries_one_offer_per_booking ON booking.waitlist_entries (offer_booking_id)
    WHERE state = 'offered';
CREATE INDEX waitlist_entries_line_idx ON booking.waitlist_entries (show_id, created_at, id)
    WHERE state IN ('waiting', 'offered');
CREATE INDEX waitlist_entries_user_idx ON booking.waitlist_entries (user_id, created_at DESC);

-- +goose Down
DROP TABLE booking.waitlist_entries;
