package booking_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// menu puts popcorn (S/M/L), a soft drink and nachos (stock as given)
// on the show's theater's menu, all taxed at 20%.
func (b *testBundle) menu(t *testing.T, nachosStock *int) (popcorn, drink, nachos catalog.MenuItem) {
	t.Helper()
	ctx := context.Background()
	save := func(m catalog.MenuItem) catalog.MenuItem {
		m.TheaterID, m.Available, m.TaxBP = b.show.TheaterID, true, 2000
		out, err := b.catalog.SaveMenuItem(ctx, m)
		require.NoError(t, err)
		return out
	}
	popcorn = save(catalog.MenuItem{Name: "Popcorn", Category: catalog.MenuPopcorn, Price: 400,
		Sizes: []catalog.MenuSize{{Name: "Small", Price: 350}, {Name: "Medium", Price: 450}, {Name: "Large", Price: 600}}})
	drink = save(catalog.MenuItem{Name: "Cola", Category: catalog.MenuDrinks, Price: 250, Dietary: []string{"vegan"}})
	nachos = save(catalog.MenuItem{Name: "Nachos", Category: catalog.MenuSnacks, Price: 500, Stock: nachosStock, Allergens: []string{"milk"}})
	return popcorn, drink, nachos
}

func (b *testBundle) stockOf(t *testing.T, id int64) int {
	t.Helper()
	m, err := b.catalog.MenuItem(context.Background(), id)
	require.NoError(t, err)
	require.NotNil(t, m.Stock)
	return *m.Stock
}

func intp(n int) *int { return &n }

func TestABuyerAddsPopcornAndDrinksAndPaysForEverythingInOneTotal(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	popcorn, drink, _ := cb.menu(t, nil)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5")

	res, body := ann.Get(t, checkoutURL(bk.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	body = html.UnescapeString(body)
	for _, want := range []string{"Add food and drink", "Popcorn", "Large", "£6.00", "Cola", "Vegan", "Contains: milk"} {
		require.Contains(t, body, want)
	}

	res, _ = ann.Post(t, fmt.Sprintf("/bookings/%d/food", bk.ID), url.Values{
		fmt.Sprintf("food_%d_2", popcorn.ID): {"1"}, fmt.Sprintf("food_%d", drink.ID): {"2"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	// Ticket 10.00 + fee 0.75; popcorn 6.00 + 20% = 7.20; two colas 5.00 + 20% = 6.00.
	require.Equal(t, int64(1000+75+600+120+500+100), cb.bookingTotal(t, bk.ID))
	_, body = ann.Get(t, checkoutURL(bk.ID))
	body = html.UnescapeString(body)
	for _, want := range []string{"Tickets", "£10.00", "Popcorn (Large)", "Food and drink", "£11.00", "Taxes", "£2.20", "£23.95"} {
		require.Contains(t, body, want)
	}

	res, body = ann.Post(t, fmt.Sprintf("/bookings/%d/food", bk.ID), url.Values{fmt.Sprintf("food_%d", drink.ID): {"25"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, html.UnescapeString(body), "Choose from 0 to 20 of each item.")
	require.Equal(t, int64(2395), cb.bookingTotal(t, bk.ID), "a refused change leaves the order as it was")
}

func TestASoldOutItemCannotBeAddedAndStockNeverGoesNegative(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	_, _, nachos := b.menu(t, intp(1))

	one, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"C1"})
	require.NoError(t, err)
	two, err := b.svc.Hold(ctx, 2, b.show.ID, []string{"C2"})
	require.NoError(t, err)
	_, err = b.svc.SetFood(ctx, 1, one.ID, []booking.FoodChoice{{MenuItemID: nachos.ID, Qty: 2}})
	_, refused := validate.Fields(err)
	require.True(t, refused, "two nachos when one is left: %v", err)
	for _, bk := range []booking.Booking{one, two} {
		_, err = b.svc.SetFood(ctx, bk.UserID, bk.ID, []booking.FoodChoice{{MenuItemID: nachos.ID, Qty: 1}})
		require.NoError(t, err)
	}

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, bk := range []booking.Booking{one, two} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = b.confirm(t, bk.ID)
		}()
	}
	wg.Wait()
	var sold int
	for _, err := range errs {
		if err == nil {
			sold++
		} else {
			require.ErrorIs(t, err, booking.ErrSeatsGone, "the late payer is refunded")
		}
	}
	require.Equal(t, 1, sold, "only one order gets the last nachos")
	require.Equal(t, 0, b.stockOf(t, nachos.ID))

	three, err := b.svc.Hold(ctx, 3, b.show.ID, []string{"C3"})
	require.NoError(t, err)
	_, err = b.svc.SetFood(ctx, 3, three.ID, []booking.FoodChoice{{MenuItemID: nachos.ID, Qty: 1}})
	fields, refused := validate.Fields(err)
	require.True(t, refused)
	require.Contains(t, fields["food"], "sold out")
}
