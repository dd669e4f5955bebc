-- name: BookingUnpaidHoldCount :one
-- The buyer's unpaid holds on other shows that still hold seats (a new
-- hold on the same show replaces the buyer's hold there): the cap on
-- concurrent holds per account. Reads the buyer's bookings by user index.
SELECT count(*) FROM booking.bookings
WHERE user_id = @user_id AND show_id <> @show_id
  AND status IN ('held', 'pending_payment') AND hold_expires_at > @now::timestamptz;
