-- +goose Up
-- Payments: one row per attempt to pay for a booking, its state history,
-- refunds, the providers' events (webhooks) and the daily check's findings.
CREATE SCHEMA payments;

CREATE TABLE payments.payments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id      bigint      NOT NULL,
    -- The buyer: only they may open the pay page. NULL once the account is gone.
    user_id         bigint,
    -- The booking's payment attempt (1, 2, ...): a new card after a decline
    -- is a new attempt.
    attempt         integer     NOT NULL CHECK (attempt > 0),
    provider        text        NOT NULL CHECK (provider IN ('test', 'stripe')),
    -- Sent to the provider with the create call, and stored before it, so a
    -- retried call never makes a second charge.
    idempotency_key text        NOT NULL UNIQUE,
    provider_id     text,
    client_secret   text,
    amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
    refunded_minor  bigint      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
    currency        text        NOT NULL,
    description     text        NOT NULL DEFAULT '',
    booking_code    text        NOT NULL DEFAULT '',
    return_path     text        NOT NULL,
    hold_expires_at timestamptz NOT NULL,
    state           text        NOT NULL CHECK (state IN
                        ('requires_payment', 'processing', 'succeeded', 'failed', 'partially_refunded', 'refunded')),
    -- The test provider's extra confirmation step (card 4000 0000 0000 3220).
    requires_action boolean     NOT NULL DEFAULT false,
    card_brand      text        NOT NULL DEFAULT '',
    card_last4      text        NOT NULL DEFAULT '',
    failure_code    text        NOT NULL DEFAULT '',
    failure_message text        NOT NULL DEFAULT '',
    -- What the buyer should know about the outcome beyond its state (a
    -- payment refunded because the seats were gone).
    outcome_note    text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (booking_id, attempt)
);
CREATE INDEX payments_provider_id_idx ON payments.payments (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX payments_state_idx ON payments.payments (state, updated_at);
CREATE INDEX payments_created_idx ON payments.payments (created_at DESC);

-- Every state change of a payment, and what caused it.
CREATE TABLE payments.payment_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id bigint      NOT NULL REFERENCES payments.payments (id) ON DELETE CASCADE,
    at         timestamptz NOT NULL DEFAULT now(),
    from_state text        NOT NULL,
    to_state   text        NOT NULL,
    source     text        NOT NULL,
    note       text        NOT NULL DEFAULT ''
);
CREATE INDEX payment_history_payment_idx ON payments.payment_history (payment_id, id);

-- Money given back. key makes a request idempotent ("cancel:42").
CREATE TABLE payments.refunds (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id    bigint      NOT NULL REFERENCES payments.payments (id),
    key           text        NOT NULL UNIQUE,
    amount_minor  bigint      NOT NULL CHECK (amount_minor > 0),
    reason        text        NOT NULL DEFAULT '',
    state         text        NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
    provider_id   text,
    error         text        NOT NULL DEFAULT '',
    requested_by  text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment_idx ON payments.refunds (payment_id);
CREATE UNIQUE INDEX refunds_provider_id_idx ON payments.refunds (provider_id) WHERE provider_id IS NOT NULL;

-- Provider events (Stripe webhooks, the test provider's outcomes), stored
-- once by id and applied by a job.
CREATE TABLE payments.events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider     text        NOT NULL,
    event_id     text        NOT NULL,
    type         text        NOT NULL,
    object_id    text        NOT NULL DEFAULT '',
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    result       text        NOT NULL DEFAULT '',
    last_error   text        NOT NULL DEFAULT '',
    UNIQUE (provider, event_id)
);
CREATE INDEX events_received_idx ON payments.events (received_at DESC);

-- The test provider's own books: what it would answer if asked about an
-- intent (reconciliation), kept apart from our view of the payment.
CREATE TABLE payments.test_intents (
    id           text        PRIMARY KEY,
    amount_minor bigint      NOT NULL,
    currency     text        NOT NULL,
    status       text        NOT NULL,
    decline_code text        NOT NULL DEFAULT '',
    payment_id   bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The daily check: each run, and the bookings whose payment and booking
-- states disagreed.
CREATE TABLE payments.checks (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    bookings integer     NOT NULL,
    found    integer     NOT NULL
);

CREATE TABLE payments.disagreements (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    check_id      bigint      NOT NULL REFERENCES payments.checks (id) ON DELETE CASCADE,
    booking_id    bigint      NOT NULL,
    payment_id    bigint      NOT NULL,
    payment_state text        NOT NULL,
    booking_state text        NOT NULL,
    note          text        NOT NULL
);
CREATE INDEX disagreements_check_idx ON payments.disagreements (check_id);

-- +goose Down
DROP SCHEMA payments CASCADE;
