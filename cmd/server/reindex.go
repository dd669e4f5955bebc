package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/marqueehq/marquee/internal/app"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/search"
)

// reindex is `server reindex`: rebuild every search document.
func reindex(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := db.migrator.Up(ctx); err != nil {
		return err
	}
	svc := search.NewService(db.admin, catalog.NewService(db.admin, app.CatalogOptions(cfg)), search.Options{})
	start := time.Now()
	n, err := svc.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindexed %d movies, %d theaters, %d shows in %s\n", n.Movies, n.Theaters, n.Shows,
		time.Since(start).Round(time.Millisecond))
	return nil
}
