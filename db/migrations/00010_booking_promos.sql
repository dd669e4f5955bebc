-- +goose Up
-- Promo codes and who redeemed them. A code is matched case-insensitively
-- and stored in capitals. A redemption belongs to one booking; it counts
-- against the code's limits only while that booking is live (confirmed, or
-- held / awaiting payment with its hold still running), so an expired,
-- released, cancelled or failed booking gives its use back.
CREATE TABLE booking.promo_codes (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              text        NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{2,31}$'),
    description       text        NOT NULL DEFAULT '',
    kind              text        NOT NULL CHECK (kind IN ('percent', 'fixed')),
    percent_off       integer     CHECK (percent_off BETWEEN 1 AND 100),
    amount_off_minor  bigint      CHECK (amount_off_minor > 0),
    currency          text,
    -- Empty arrays mean "any movie" / "any theater".
    movie_ids         bigint[]    NOT NULL DEFAULT '{}',
    theater_ids       bigint[]    NOT NULL DEFAULT '{}',
    -- The show's local date must fall in [valid_from, valid_until].
    valid_from        date,
    valid_until       date,
    min_tickets       integer     NOT NULL DEFAULT 1 CHECK (min_tickets BETWEEN 1 AND 50),
    max_uses          integer     CHECK (max_uses > 0),
    max_uses_per_user integer     CHECK (max_uses_per_user > 0),
    active            boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now(),
    deactivated_at    timestamptz,
    CHECK ((kind = 'percent') = (percent_off IS NOT NULL)),
    CHECK ((kind = 'fixed') = (amount_off_minor IS NOT NULL AND currency IS NOT NULL)),
    CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
);
CREATE UNIQUE INDEX promo_codes_code_key ON booking.promo_codes (lower(code));

CREATE TABLE booking.promo_redemptions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    promo_id   bigint      NOT NULL REFERENCES booking.promo_codes (id),
    booking_id bigint      NOT NULL UNIQUE REFERENCES booking.bookings (id) ON DELETE CASCADE,
    -- NULL once the buyer deleted their account.
    user_id    bigint,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX promo_redemptions_promo_idx ON booking.promo_redemptions (promo_id, user_id);

-- +goose Down
DROP TABLE booking.promo_redemptions;
DROP TABLE booking.promo_codes;
