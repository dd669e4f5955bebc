package main

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/marqueehq/marquee/internal/platform/config"
)

// health asks the server on this machine for /healthz: the container health
// check, for images that have no curl.
func health(ctx context.Context, cfg config.Config) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	url := "http://127.0.0.1:" + strconv.Itoa(cfg.Port) + "/healthz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %s", url, res.Status)
	}
	return nil
}
