package booking_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestTheAfterSaleReportCountsSeatsAndFoodGivenBackTransfersAndExchangesByTheater(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	ctx := context.Background()
	_, err := tt.pool.Exec(ctx, "UPDATE catalog.theaters SET name = 'Riverside Cinema' WHERE id = $1", tt.other.TheaterID)
	require.NoError(t, err)
	bk := tt.sold(t, tt.buyer.id, tt.show, "F1", "F2", "F3")
	_, q, err := tt.svc.CancelSeats(ctx, tt.buyer.id, bk.ID, []string{"F2"})
	require.NoError(t, err)
	require.Positive(t, q.Refund)
	// A nachos of it was given back too (5.00 and its 1.00 tax).
	_, err = tt.pool.Exec(ctx, `INSERT INTO booking.booking_item_cancellations (booking_id, order_id, n, item_id, menu_item_id,
		name, qty, unit_price_minor, tax_minor, refund_minor, refund_key) VALUES ($1, $1, 2, 1, 1, 'Nachos', 1, 500, 100, 600, 'k')`, bk.ID)
	require.NoError(t, err)
	// Theater B's booking was passed on to someone who took it all.
	_, err = tt.pool.Exec(ctx, `INSERT INTO booking.booking_transfers (booking_id, from_user_id, to_user_id, to_booking_id,
		to_email, token_hash, state, expires_at, decided_at)
		VALUES ($1, $2, 999, $1, 'friend@example.com', sha256('t'), 'accepted', now() + interval '1 day', now())`,
		tt.idB, tt.buyer.id)
	require.NoError(t, err)
	// It had been moved from another show to cheaper seats.
	_, err = tt.pool.Exec(ctx, `INSERT INTO booking.booking_exchanges (booking_id, n, from_show_id, to_show_id, old_seats, new_seats,
		old_amount_minor, new_amount_minor, difference_minor, refund_key) VALUES ($1, 1, $2, $3, '{A1}', '{C3}', 1000, 750, -250, 'exchange:x:1')`,
		tt.idB, tt.show.ID, tt.other.ID)
	require.NoError(t, err)
	// Seats of theater A's show were offered to two people waiting: one paid.
	var taken int64
	for i, state := range []string{"booked", "expired"} {
		offer := tt.sold(t, tt.buyer.id, tt.show, []string{"G1", "G2"}[i])
		_, err = tt.pool.Exec(ctx, `INSERT INTO booking.waitlist_entries (show_id, user_id, seats, state, offer_booking_id, offer_expires_at)
			VALUES ($1, $2, 1, $3, $4, now())`, tt.show.ID, 100+i, state, offer.ID)
		require.NoError(t, err)
		if state == "booked" {
			require.NoError(t, tt.pool.QueryRow(ctx, "SELECT total_minor FROM booking.bookings WHERE id = $1", offer.ID).Scan(&taken))
		}
	}
	// A pending offer is not a ticket passed on.
	_, err = tt.pool.Exec(ctx, `INSERT INTO booking.booking_transfers (booking_id, from_user_id, to_email, token_hash, expires_at)
		VALUES ($1, $2, 'other@example.com', sha256('u'), now() + interval '1 day')`, tt.idA, tt.buyer.id)
	require.NoError(t, err)

	admin := tt.staffAt(t, "Boss", "chain_admin", tt.chainA, 0)
	now := time.Now().UTC()
	today := url.Values{"from": {now.AddDate(0, 0, -1).Format(time.DateOnly)}, "to": {now.AddDate(0, 0, 1).Format(time.DateOnly)}}
	rows := reportCSV(t, admin, "aftersale", today)
	require.Equal(t, []string{"Section", "Currency", "Item", "Seats given back", "Refunded", "Fees kept", "Food lines given back",
		"Food refunded", "Transfers accepted",
		"Exchanges", "Differences paid", "Differences refunded", "Waitlist offers", "Offers taken", "Sold from the waitlist"}, rows["header"])
	line := rows["After the sale|Test Cinema"]
	require.Equal(t, "1", line[0], "one seat given back at theater A")
	require.Equal(t, decimal(q.Refund), line[1])
	require.Equal(t, decimal(q.Fee), line[2])
	require.Equal(t, []string{"1", "6.00"}, line[3:5], "one line of food given back, refunded in full")
	require.Equal(t, []string{"0", "0", "0.00", "0.00"}, line[5:9], "the pending offer is not counted")
	require.Equal(t, []string{"2", "1", decimal(taken)}, line[9:], "two offers, one taken, with what it was paid")
	_, ok := rows["After the sale|Riverside Cinema"]
	require.False(t, ok, "theater B belongs to another chain, which this admin does not see")

	_, page := admin.Get(t, "/admin/reports?report=aftersale&"+today.Encode())
	require.Contains(t, page, "After the sale ("+bk.Currency+")")
	require.Contains(t, page, "Counts what buyers did on these dates with bookings they had already paid for")

	boss := tt.staffAt(t, "Owner", "chain_admin", tt.chainB, 0)
	rows = reportCSV(t, boss, "aftersale", today)
	require.Equal(t, []string{"0", "0.00", "0.00", "0", "0.00", "1", "1", "0.00", "2.50", "0", "0", "0.00"}, rows["After the sale|Riverside Cinema"])
}

// decimal writes minor units of a two-decimal currency as the CSV does.
func decimal(minor int64) string { return fmt.Sprintf("%d.%02d", minor/100, minor%100) }
