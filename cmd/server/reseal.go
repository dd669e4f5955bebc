package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app"
	"github.com/marqueehq/marquee/internal/platform/config"
)

// reseal is `server reseal`: after putting a new key first in DATA_KEYS,
// re-encrypt personal data sealed with older keys.
func reseal(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	seal, err := app.LoadSealer(cfg)
	if err != nil {
		return err
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	n, err := account.NewService(db.pool, account.Options{Sealer: seal}).ResealPhones(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "re-sealed %d phone numbers with key %s\n", n, seal.Current())
	return nil
}
