package booking_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

func TestTheConfirmationMessageCarriesEachSeatsTicketType(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{}))
	b.familyTypes(t, "PG")
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"E5", "E6"})
	require.NoError(t, err)
	_, err = b.svc.SetTicketTypes(ctx, 7, h.ID, booking.TicketCounts{"ADULT": 1, "CHILD": 1})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	require.Len(t, o.confirmed, 1)
	require.Equal(t, []string{"E5", "E6"}, o.confirmed[0].Seats)
	require.Equal(t, []string{"Adult", "Child"}, o.confirmed[0].SeatTypes, "the email can name each seat's type")
}
