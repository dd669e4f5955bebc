package booking_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

func TestExchangeKeepsEachTicketsTypeAtTheNewSeatsPrices(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	_, child := b.familyTypes(t, "PG")
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"E5", "E6"})
	require.NoError(t, err)
	_, err = b.svc.SetTicketTypes(ctx, 7, h.ID, booking.TicketCounts{"ADULT": 1, "CHILD": 1})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	before, err := b.svc.BookingDetail(ctx, 7, h.ID)
	require.NoError(t, err)

	q, err := b.svc.QuoteExchange(ctx, 7, h.ID, b.later.ID, []string{"F1", "F2"})
	require.NoError(t, err)
	require.Zero(t, q.Difference, "a child's ticket costs a child's price on the new show too")
	_, q, err = b.svc.Exchange(ctx, 7, h.ID, b.later.ID, []string{"F1", "F2"})
	require.NoError(t, err)
	require.Nil(t, q.Awaiting)
	after, err := b.svc.BookingDetail(ctx, 7, h.ID)
	require.NoError(t, err)
	require.Equal(t, before.Booking.Total, after.Booking.Total)
	types := map[string]string{}
	for _, st := range after.Booking.Seats {
		types[st.Seat] = st.Ticket.Code
		if st.Ticket.Code == "CHILD" {
			require.Equal(t, child.ID, st.Ticket.TypeID)
			require.True(t, st.Ticket.ProofRequired, "the door still asks for proof of age")
			require.Less(t, st.Price, st.ListPrice)
		}
	}
	require.Equal(t, map[string]string{"F1": "ADULT", "F2": "CHILD"}, types)

	// A child's ticket sold only on the booking's new day cannot move to another day.
	d, err := b.catalog.ShowDetail(ctx, b.later.ID)
	require.NoError(t, err)
	day := int(d.StartsAt.In(d.Theater.Location()).Weekday())
	_, err = b.pool.Exec(ctx, "UPDATE catalog.ticket_types SET days = ARRAY[$1::smallint] WHERE id = $2", day, child.ID)
	require.NoError(t, err)
	third := b.schedule(t, 74*time.Hour, nil)
	_, _, err = b.svc.Exchange(ctx, 7, h.ID, third.ID, []string{"G1", "G2"})
	require.ErrorIs(t, err, booking.ErrTicketTypeNotOffered)
	require.Zero(t, b.invariantViolations(t))
}
