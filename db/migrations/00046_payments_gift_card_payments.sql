-- +goose Up
-- A booking paid (in part) with gift cards has a payment of provider
-- 'giftcard' for the cards' share, so refunds, receipts and the daily
-- check treat it like any other payment.
ALTER TABLE payments.payments DROP CONSTRAINT payments_provider_check;
ALTER TABLE payments.payments ADD CONSTRAINT payments_provider_check
    CHECK (provider IN ('test', 'stripe', 'razorpay', 'paypal', 'giftcard'));

-- +goose Down
ALTER TABLE payments.payments DROP CONSTRAINT payments_provider_check;
ALTER TABLE payments.payments ADD CONSTRAINT payments_provider_check
    CHECK (provider IN ('test', 'stripe', 'razorpay', 'paypal'));
