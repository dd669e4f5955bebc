package booking

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// demoTillNote marks the demo's till, so the demo sells once.
const demoTillNote = "Demo shift: counter sales for the reports"

// EnsureDemoCounterSales gives the demo a box office shift: clerkID (named
// clerkName on the receipts) opens a till at theaterID with a 100.00
// float, sells seats on the next two scheduled shows there (cash with a
// child ticket and food, card with food, a voucher, cash again), and
// closes the till 0.50 short. It does nothing when that till exists
// already or the clerk has a till open, so it is safe on every start.
// Online bookings with food are not made: they need a payment, which
// the booking package cannot take on its own.
func (s *Service) EnsureDemoCounterSales(ctx context.Context, clerkID int64, clerkName string, theaterID int64) error {
	tills, err := s.Tills(ctx, false, []int64{theaterID})
	if err != nil {
		return err
	}
	if slices.ContainsFunc(tills, func(t TillListItem) bool { return t.UserID == clerkID && t.Note == demoTillNote }) {
		return nil
	}
	now := s.opts.Now()
	shows, err := s.shows.AdminShows(ctx, catalog.ShowFilter{TheaterID: theaterID, From: now.Add(30 * time.Minute), Until: now.AddDate(0, 0, 2)})
	if err != nil {
		return fmt.Errorf("demo counter shows: %w", err)
	}
	shows = slices.DeleteFunc(shows, func(sh catalog.AdminShow) bool { return sh.Status != catalog.Scheduled })
	if len(shows) == 0 {
		return nil
	}
	d, err := s.shows.ShowDetail(ctx, shows[0].ID)
	if err != nil {
		return fmt.Errorf("demo counter show: %w", err)
	}
	if _, err := s.OpenTill(ctx, clerkID, theaterID, 10000, d.City.Currency); err != nil {
		if _, ok := validate.Fields(err); ok {
			return nil // the clerk has a till open: leave their shift alone
		}
		return err
	}
	menu, err := s.shows.TheaterMenu(ctx, theaterID)
	if err != nil {
		return fmt.Errorf("demo menu: %w", err)
	}
	sales := []struct {
		seats         int
		method, ref   string
		child, food   bool
		show, tenders int
	}{
		{seats: 2, method: PayCash, child: true, food: true},
		{seats: 1, method: PayCard, food: true},
		{seats: 2, method: PayVoucher, ref: "GIFT-2041", show: 1},
		{seats: 3, method: PayCash, child: true, show: 1, tenders: 1},
	}
	for _, sl := range sales {
		sh := shows[min(sl.show, len(shows)-1)]
		sale := CounterSale{ShowID: sh.ID, Method: sl.method, VoucherRef: sl.ref, SellerName: clerkName}
		if sale.Seats, sale.Tickets, err = s.demoSeats(ctx, sh.ID, sl.seats, sl.child); err != nil || len(sale.Seats) == 0 {
			continue // a full show: sell on
		}
		if sl.food {
			sale.Food = demoFood(menu)
		}
		if sl.tenders > 0 {
			sale.Tendered = 10000 // a 100.00 note
		}
		_, err := s.SellAtCounter(ctx, clerkID, sale)
		if err != nil && sale.Tendered > 0 {
			sale.Tendered = 0 // more than a note: exact
			_, err = s.SellAtCounter(ctx, clerkID, sale)
		}
		if err != nil {
			s.opts.Log.Warn("demo counter sale", "show", sh.ID, "err", err)
		}
	}
	t, err := s.OpenTillOf(ctx, clerkID)
	if err != nil {
		return err
	}
	sum, err := s.TillSummary(ctx, t.ID)
	if err != nil {
		return err
	}
	_, err = s.CloseTill(ctx, clerkID, max(sum.ExpectedCash-50, 0), demoTillNote)
	return err
}

// demoSeats picks n free seats side by side from the back of a show, one
// of them a child ticket when asked and the show offers one.
func (s *Service) demoSeats(ctx context.Context, showID int64, n int, child bool) ([]string, TicketCounts, error) {
	m, err := s.SeatMap(ctx, showID)
	if err != nil {
		return nil, nil, err
	}
	var seats []string
	for i := len(m.Seats) - 1; i >= 0 && len(seats) < n; i-- {
		if st := m.Seats[i]; st.State == Free && st.Col > 3 {
			seats = append(seats, st.Seat)
		}
	}
	if len(seats) < n {
		return nil, nil, nil
	}
	fresh, err := s.shows.ShowDetail(ctx, showID)
	if err != nil {
		return nil, nil, fmt.Errorf("demo show %d: %w", showID, err)
	}
	var counts TicketCounts
	offered := fresh.OfferedTicketTypes()
	if i := slices.IndexFunc(offered, func(t catalog.TicketType) bool { return t.Code == "CHILD" }); child && i >= 0 && n > 1 {
		counts = TicketCounts{catalog.AdultCode: n - 1, "CHILD": 1}
		if !slices.ContainsFunc(offered, func(t catalog.TicketType) bool { return t.Code == catalog.AdultCode }) {
			counts = nil
		}
	}
	return seats, counts, nil
}

// demoFood is one of the menu's first item on sale, in its middle size
// with the first option of each group that asks for one.
func demoFood(menu []catalog.MenuItem) []FoodChoice {
	for _, m := range menu {
		if !m.OnSale() {
			continue
		}
		ch := FoodChoice{MenuItemID: m.ID, Qty: 1}
		for _, g := range m.Modifiers {
			if g.Min > 0 && len(g.Options) > 0 {
				if ch.Options == nil {
					ch.Options = map[string][]string{}
				}
				ch.Options[g.Name] = []string{g.Options[0].Name}
			}
		}
		if len(m.Sizes) > 0 {
			ch.Variant = m.Sizes[len(m.Sizes)/2].Name
		}
		return []FoodChoice{ch}
	}
	return nil
}
