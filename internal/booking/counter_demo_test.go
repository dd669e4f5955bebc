package booking_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheDemoCounterShiftIsSoldOnceAndClosedHalfAPoundShort(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	tt.familyTypes(t, "PG")
	tt.menu(t, intp(50))
	clerk := tt.staffAt(t, "Ben", "box_office", tt.chainA, tt.show.TheaterID)
	ctx := context.Background()

	require.NoError(t, tt.svc.EnsureDemoCounterSales(ctx, clerk.id, "Ben Boxoffice", tt.show.TheaterID))
	count := func() (sales, withFood, children, methods int) {
		require.NoError(t, tt.pool.QueryRow(ctx, `SELECT count(*),
			count(*) FILTER (WHERE EXISTS (SELECT 1 FROM booking.booking_items i WHERE i.booking_id = b.id)),
			(SELECT count(*) FROM booking.booking_seats s JOIN booking.bookings c ON c.id = s.booking_id
			 WHERE c.channel = 'counter' AND s.ticket_type_code = 'CHILD'),
			count(DISTINCT payment_method)
			FROM booking.bookings b WHERE channel = 'counter'`).Scan(&sales, &withFood, &children, &methods))
		return
	}
	sales, withFood, children, methods := count()
	require.Equal(t, []int{4, 2, 2, 3}, []int{sales, withFood, children, methods}, "cash, card and voucher; food twice; a child twice")
	tills, err := tt.svc.Tills(ctx, false, []int64{tt.show.TheaterID})
	require.NoError(t, err)
	require.Len(t, tills, 1)
	require.False(t, tills[0].Open())
	require.Equal(t, int64(-50), *tills[0].Variance)

	require.NoError(t, tt.svc.EnsureDemoCounterSales(ctx, clerk.id, "Ben Boxoffice", tt.show.TheaterID))
	again, _, _, _ := count()
	require.Equal(t, 4, again, "a second start sells nothing more")
	require.Zero(t, tt.invariantViolations(t))
}
