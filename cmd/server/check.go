package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/marqueehq/marquee/internal/check"
	"github.com/marqueehq/marquee/internal/platform/config"
)

// errFindings makes `server check` exit with status 1.
var errFindings = errors.New("the data breaks an invariant (see above)")

// checkCommand is `server check`: read the database, print every broken
// invariant (seats, bookings, payments, refunds, messages) and fail when
// there is one. It only reads, so it is safe on a live site.
func checkCommand(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stdout)
	grace := fs.Duration("grace", check.DefaultGrace, "how long a payment may be ahead of its booking before it counts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	findings, err := check.Run(ctx, db.admin, check.Options{Grace: *grace})
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	check.Print(stdout, findings)
	if len(findings) > 0 {
		return errFindings
	}
	return nil
}
