-- +goose Up
-- Passing a confirmed booking's tickets to someone else. A row is an
-- offer sent by email: only the SHA-256 of its link's token is kept, so
-- the table alone never lets anyone accept. A pending offer past
-- expires_at counts as expired in every query (nothing sweeps it); the
-- partial unique index allows one pending offer per booking at a time.
-- The number of accepted rows of a booking is its ticket epoch: it is
-- signed into the e-ticket, so every transfer re-issues the ticket and the
-- door refuses the ones issued before it.
CREATE TABLE booking.booking_transfers (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id   bigint      NOT NULL REFERENCES booking.bookings (id) ON DELETE CASCADE,
    -- account ids (plain ids across modules): who sent it, who took it.
    from_user_id bigint      NOT NULL,
    to_user_id   bigint,
    to_email     text        NOT NULL CHECK (length(to_email) BETWEEN 3 AND 254),
    token_hash   bytea       NOT NULL CHECK (length(token_hash) = 32),
    state        text        NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'accepted', 'cancelled', 'expired')),
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    decided_at   timestamptz,
    CONSTRAINT booking_transfers_token_key UNIQUE (token_hash),
    CONSTRAINT booking_transfers_accepted CHECK ((state = 'accepted') = (to_user_id IS NOT NULL))
);
CREATE UNIQUE INDEX booking_transfers_one_pending ON booking.booking_transfers (booking_id) WHERE state = 'pending';
CREATE INDEX booking_transfers_booking_idx ON booking.booking_transfers (booking_id, created_at);

-- +goose Down
DROP TABLE booking.booking_transfers;
