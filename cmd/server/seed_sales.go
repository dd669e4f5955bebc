package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/demo"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/config"
)

// seedDemoSales rings up the demo box office clerk's first shift at their
// theater (a few counter sales, some with a child ticket or food, closed a
// little short), so the till, the kitchen and the reports have something to
// show. It sells nothing once that shift exists.
func seedDemoSales(ctx context.Context, cfg config.Config, db *database, catalogSvc *catalog.Service, where demo.PlaceFinder) error {
	staff := account.DemoStaff()
	i := slices.IndexFunc(staff, func(d account.DemoStaffLogin) bool { return d.Role == authz.BoxOffice })
	if i < 0 {
		return nil
	}
	clerk := staff[i]
	place, ok, err := where(clerk.Chain, clerk.Theater)
	if err != nil || !ok {
		return err
	}
	u, err := account.NewService(db.admin, account.Options{}).UserByEmail(ctx, clerk.User.Email)
	if err != nil {
		return fmt.Errorf("demo clerk: %w", err)
	}
	pricing, err := booking.ParsePricing(cfg.BookingFees)
	if err != nil {
		return fmt.Errorf("BOOKING_FEES: %w", err)
	}
	svc := booking.NewService(db.admin, catalogSvc, booking.RiverJobs{}, booking.Options{Pricing: &pricing})
	if err := svc.EnsureDemoCounterSales(ctx, u.ID, u.Name, place.TheaterID); err != nil {
		return fmt.Errorf("demo counter sales: %w", err)
	}
	return nil
}
