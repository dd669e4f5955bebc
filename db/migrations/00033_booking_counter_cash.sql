-- +goose Up
-- What a counter sale's receipt says for good: the cash handed over and
-- the change given (cash sales only), and the name of the clerk who sold
-- it as it was then, so a reprint names the seller, not whoever prints.
ALTER TABLE booking.bookings
    ADD COLUMN tendered_minor bigint CHECK (tendered_minor >= 0),
    ADD COLUMN change_minor   bigint CHECK (change_minor >= 0),
    ADD COLUMN seller_name    text   CHECK (length(seller_name) <= 200),
    ADD CONSTRAINT bookings_counter_change CHECK ((tendered_minor IS NULL) = (change_minor IS NULL));

-- +goose Down
ALTER TABLE booking.bookings DROP COLUMN tendered_minor, DROP COLUMN change_minor, DROP COLUMN seller_name;
