package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/sealer"
)

// loadSealer builds the personal-data sealer from DATA_KEYS. In development
// without DATA_KEYS it uses a key generated once and kept in
// DATA_DIR/data-keys (git-ignored), so `make run` needs no setup.
func loadSealer(cfg config.Config) (*sealer.Sealer, error) {
	keys := cfg.DataKeys
	if keys == "" {
		path := filepath.Join(cfg.DataDir, "data-keys")
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			keys = strings.TrimSpace(string(b))
		case errors.Is(err, os.ErrNotExist):
			if keys, err = sealer.NewKey("dev1"); err != nil {
				return nil, err
			}
			if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
				return nil, fmt.Errorf("create %s: %w", cfg.DataDir, err)
			}
			if err := os.WriteFile(path, []byte(keys+"\n"), 0o600); err != nil {
				return nil, fmt.Errorf("save development data key: %w", err)
			}
		default:
			return nil, fmt.Errorf("read development data key: %w", err)
		}
	}
	s, err := sealer.New(keys)
	if err != nil {
		return nil, fmt.Errorf("DATA_KEYS: %w", err)
	}
	return s, nil
}

// genKey is `server gen-key`: print a new DATA_KEYS entry.
func genKey(stdout io.Writer) error {
	k, err := sealer.NewKey("k" + time.Now().UTC().Format("20060102"))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, k)
	return nil
}
