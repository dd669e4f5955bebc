package booking_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
)

// checkoutSetup is the whole app with a clock the test moves.
func checkoutSetup(t *testing.T) *testBundle {
	t.Helper()
	return clockedSetup(t, apptest.Options{})
}

// hold holds seats for the browser's user.
func (br *testBrowser) hold(t *testing.T, seats ...string) booking.Booking {
	t.Helper()
	bk, err := br.b.svc.Hold(context.Background(), br.id, br.b.show.ID, seats)
	require.NoError(t, err)
	return bk
}

func checkoutURL(id int64) string { return fmt.Sprintf("/bookings/%d/checkout", id) }
