package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/demo"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// seedLockKey keeps two instances from loading the demo data at once.
const seedLockKey = 7_260_002

// seedCommand is `server seed [-movies N -shows N]`: the demo data, or
// synthetic scale data for benchmarks on top of it.
func seedCommand(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stdout)
	movies := fs.Int("movies", 0, "generate this many extra movies for benchmarks")
	shows := fs.Int("shows", 0, "generate this many extra shows for benchmarks (adds theaters to hold them)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if *movies < 0 || *shows < 0 || (*shows > 0 && *movies == 0) {
		return fmt.Errorf("seed: -movies and -shows must be positive, and shows need movies")
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := db.migrator.Up(ctx); err != nil {
		return err
	}
	loaded, err := seedDemo(ctx, cfg, db, stdout)
	if err != nil {
		return err
	}
	if !loaded {
		fmt.Fprintln(stdout, "demo data already present")
	}
	if *movies > 0 {
		start := time.Now()
		res, err := demo.Scale(ctx, db.admin, *movies, *shows, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "generated %d movies, %d theaters, %d screens, %d shows in %s\n",
			res.Movies, res.Theaters, res.Screens, res.Shows, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// seedDemo loads the demo catalogue and users unless the catalogue already
// has movies. It reports whether it loaded anything.
func seedDemo(ctx context.Context, cfg config.Config, db *database, stdout io.Writer) (bool, error) {
	catalogSvc := catalog.NewService(db.admin, app.CatalogOptions(cfg))
	loaded := false
	err := pg.Locked(ctx, db.admin, seedLockKey, func() error {
		done, err := demo.Seeded(ctx, catalogSvc)
		if err != nil {
			return err
		}
		if done {
			// Databases seeded before chains existed gain them now.
			return seedDemoStaff(ctx, cfg, db, catalogSvc)
		}
		start := time.Now()
		shows, err := demo.Load(ctx, catalogSvc, time.Now())
		if err != nil {
			return err
		}
		if err := account.NewService(db.admin, account.Options{}).EnsureDemoUsers(ctx); err != nil {
			return err
		}
		if err := seedDemoStaff(ctx, cfg, db, catalogSvc); err != nil {
			return err
		}
		loaded = true
		fmt.Fprintf(stdout, "  Loaded the demo data: %d shows over %d days (%s)\n", shows, demo.Days, time.Since(start).Round(time.Millisecond))
		return nil
	})
	return loaded, err
}

// seedDemoPayments gives the demo chains their receipts' sellers (tax
// registrations) and its cities their ways to pay.
func seedDemoPayments(ctx context.Context, db *database, where demo.PlaceFinder) error {
	chains := map[string]int64{}
	for _, slug := range []string{"lumiere", "apex"} {
		p, ok, err := where(slug, "")
		if err != nil {
			return fmt.Errorf("demo chain %s: %w", slug, err)
		}
		if ok {
			chains[slug] = p.ChainID
		}
	}
	if err := payments.SeedSellers(ctx, db.admin, chains); err != nil {
		return err
	}
	return payments.SeedMethods(ctx, db.admin)
}

// seedDemoStaff gives the demo its two chains with their menus, ticket
// types, staff logins and the box office's first shift; it is idempotent,
// so it runs on every start.
func seedDemoStaff(ctx context.Context, cfg config.Config, db *database, catalogSvc *catalog.Service) error {
	if err := demo.EnsureChains(ctx, db.admin); err != nil {
		return err
	}
	if err := demo.EnsureMenus(ctx, db.admin); err != nil {
		return err
	}
	if err := demo.EnsureTicketTypes(ctx, db.admin, catalogSvc.Certifications()); err != nil {
		return err
	}
	where, err := demo.Places(ctx, catalogSvc)
	if err != nil {
		return err
	}
	if err := account.NewService(db.admin, account.Options{}).EnsureDemoStaff(ctx, where); err != nil {
		return fmt.Errorf("demo staff: %w", err)
	}
	if err := seedDemoPayments(ctx, db, where); err != nil {
		return err
	}
	return seedDemoSales(ctx, cfg, db, catalogSvc, where)
}
