-- +goose Up
-- Payments may be made with Razorpay and PayPal as well as Stripe and the
-- built-in test provider.
ALTER TABLE payments.payments DROP CONSTRAINT payments_provider_check;
ALTER TABLE payments.payments ADD CONSTRAINT payments_provider_check
    CHECK (provider IN ('test', 'stripe', 'razorpay', 'paypal'));

-- +goose Down
ALTER TABLE payments.payments DROP CONSTRAINT payments_provider_check;
ALTER TABLE payments.payments ADD CONSTRAINT payments_provider_check CHECK (provider IN ('test', 'stripe'));
