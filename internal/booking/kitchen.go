package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// KitchenOrder is a paid booking's food for the counter to hand over.
type KitchenOrder struct {
	BookingID int64
	Code      string
	Show      catalog.AdminShow
	Food      []FoodLine
	Collected bool
}

// KitchenOrders lists the paid food orders of a theater for shows (its
// upcoming ones), by show time.
func (s *Service) KitchenOrders(ctx context.Context, theaterID int64, shows []catalog.AdminShow) ([]KitchenOrder, error) {
	if len(shows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(shows))
	byID := make(map[int64]catalog.AdminShow, len(shows))
	for i, sh := range shows {
		ids[i], byID[sh.ID] = sh.ID, sh
	}
	rows, err := s.q.BookingFoodOrders(ctx, s.pool, bookingdb.BookingFoodOrdersParams{TheaterID: theaterID, ShowIds: ids})
	if err != nil {
		return nil, fmt.Errorf("food orders at theater %d: %w", theaterID, err)
	}
	bids := make([]int64, len(rows))
	for i, r := range rows {
		bids[i] = r.ID
	}
	items, err := s.q.BookingItemListForBookings(ctx, s.pool, bids)
	if err != nil {
		return nil, fmt.Errorf("food of orders: %w", err)
	}
	food := map[int64][]FoodLine{}
	for _, it := range items {
		food[it.BookingID] = append(food[it.BookingID], foodLineFromRow(it))
	}
	out := make([]KitchenOrder, 0, len(rows))
	for _, sh := range shows {
		for _, r := range rows {
			if r.ShowID != sh.ID {
				continue
			}
			o := KitchenOrder{BookingID: r.ID, Code: r.Code, Show: byID[r.ShowID], Food: food[r.ID], Collected: true}
			for _, l := range o.Food {
				o.Collected = o.Collected && l.CollectedAt != nil
			}
			out = append(out, o)
		}
	}
	return out, nil
}

// CollectFood marks a paid booking's food handed over, once: a second
// call changes nothing and reports false. inScope says whether the staff
// member may act at the booking's theater. Errors: ErrNotFound (no such
// booking, not paid, or out of scope).
func (s *Service) CollectFood(ctx context.Context, bookingID int64, inScope func(theaterID int64) bool) (bool, error) {
	var collected bool
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.BookingGetForUpdate(ctx, tx, bookingID)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (!inScope(row.TheaterID) || Status(row.Status) != Confirmed)) {
			return fmt.Errorf("booking %d: %w", bookingID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock booking %d: %w", bookingID, err)
		}
		n, err := s.q.BookingItemCollect(ctx, tx, bookingID)
		if err != nil {
			return fmt.Errorf("collect food of booking %d: %w", bookingID, err)
		}
		if collected = n > 0; !collected {
			return nil
		}
		return s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: bookingID, Status: row.Status,
			Note: "food collected at the counter"})
	})
	return collected, err
}

// kitchenWindow is how far back and ahead the kitchen view looks: shows
// that started up to 3 hours ago (their buyers may still collect) to the
// end of the next 24 hours.
func kitchenWindow(now time.Time) (from, until time.Time) {
	return now.Add(-3 * time.Hour), now.Add(24 * time.Hour)
}
