-- +goose Up
-- Sales at the box office beside online ones. A counter sale is a
-- booking like any other (the same seats, the same unique index against
-- double sales) with the way it was paid recorded, not processed: cash,
-- card on the counter terminal, or a voucher. Each is rung up in a till
-- session: one staff member's shift at one theater's till, opened with a
-- float and closed with a cash-up.
CREATE TABLE booking.till_sessions (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    theater_id         bigint      NOT NULL,
    user_id            bigint      NOT NULL,
    opened_at          timestamptz NOT NULL DEFAULT now(),
    currency           text        NOT NULL,
    float_minor        bigint      NOT NULL CHECK (float_minor >= 0),
    closed_at          timestamptz,
    -- The cash counted at cash-up; the variance is counted - (float +
    -- cash takings - cash refunds).
    counted_cash_minor bigint      CHECK (counted_cash_minor >= 0),
    close_note         text        NOT NULL DEFAULT '' CHECK (length(close_note) <= 500),
    CHECK ((closed_at IS NULL) = (counted_cash_minor IS NULL))
);
-- One open till per person.
CREATE UNIQUE INDEX till_sessions_open_idx ON booking.till_sessions (user_id) WHERE closed_at IS NULL;
CREATE INDEX till_sessions_theater_idx ON booking.till_sessions (theater_id, opened_at DESC);

ALTER TABLE booking.bookings
    ADD COLUMN channel         text   NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'counter')),
    ADD COLUMN payment_method  text   NOT NULL DEFAULT 'online' CHECK (payment_method IN ('online', 'cash', 'card', 'voucher')),
    ADD COLUMN sold_by         bigint,
    ADD COLUMN till_session_id bigint REFERENCES booking.till_sessions (id),
    ADD COLUMN voucher_ref     text   CHECK (length(voucher_ref) <= 64),
    ADD CONSTRAINT bookings_counter_paid CHECK ((channel = 'counter') = (payment_method <> 'online')),
    ADD CONSTRAINT bookings_counter_till CHECK ((channel = 'counter') = (till_session_id IS NOT NULL));
CREATE INDEX bookings_till_idx ON booking.bookings (till_session_id) WHERE till_session_id IS NOT NULL;

-- +goose Down
ALTER TABLE booking.bookings DROP COLUMN channel, DROP COLUMN payment_method, DROP COLUMN sold_by,
    DROP COLUMN till_session_id, DROP COLUMN voucher_ref;
DROP TABLE booking.till_sessions;
