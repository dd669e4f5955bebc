package booking_test

import (
	"fmt"
	"html"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

func TestFoodAddedAfterPayingKeepsItsFlavourOnTheBookingPageAndAtTheDoor(t *testing.T) {
	t.Parallel()
	b := checkoutSetup(t)
	b.Work(t)
	popcorn := b.popcornWithOptions(t)
	ann := b.browser(t, "Ann", account.Customer)
	id := ann.paidBooking(t)

	ann.addFood(t, id, url.Values{fmt.Sprintf("food_%d_1", popcorn.ID): {"1"},
		fmt.Sprintf("opt_%d_0", popcorn.ID): {"Sweet"}})
	_, page := ann.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.Contains(t, html.UnescapeString(page), "1 × Popcorn (Large) — Flavour: Sweet")

	b.clock.advance(20 * time.Hour) // the show is 26 hours away: the door opens the day before
	clerk := b.staffAt(t, "Cleo", string(authz.BoxOffice), b.chainOf(t, b.show.TheaterID), b.show.TheaterID)
	_, door := clerk.scan(t, b.codeOf(t, id), 0)
	require.Contains(t, html.UnescapeString(door), "Food to collect at the counter: 1 × Popcorn (Large) — Flavour: Sweet")
}
