package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/sealer"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// LoadSealer builds the personal-data sealer from DATA_KEYS (development:
// a key kept under DATA_DIR).
func LoadSealer(cfg config.Config) (*sealer.Sealer, error) {
	keys, err := keysOrDevelopment(cfg, cfg.DataKeys, "data-keys")
	if err != nil {
		return nil, err
	}
	s, err := sealer.New(keys)
	if err != nil {
		return nil, fmt.Errorf("DATA_KEYS: %w", err)
	}
	return s, nil
}

// loadSigningKeys builds the API token signing keys from JWT_KEYS.
func loadSigningKeys(cfg config.Config) (*account.SigningKeys, error) {
	keys, err := keysOrDevelopment(cfg, cfg.JWTKeys, "jwt-keys")
	if err != nil {
		return nil, err
	}
	k, err := account.ParseSigningKeys(keys)
	if err != nil {
		return nil, fmt.Errorf("JWT_KEYS: %w", err)
	}
	return k, nil
}

// loadTicketKeys builds the e-ticket signing keys from TICKET_KEYS.
func loadTicketKeys(cfg config.Config) (*booking.TicketKeys, error) {
	keys, err := keysOrDevelopment(cfg, cfg.TicketKeys, "ticket-keys")
	if err != nil {
		return nil, err
	}
	k, err := booking.ParseTicketKeys(keys)
	if err != nil {
		return nil, fmt.Errorf("TICKET_KEYS: %w", err)
	}
	return k, nil
}

// keysOrDevelopment returns configured keys, or in development (config
// refuses production without them) a key generated once and kept in
// DATA_DIR/file (git-ignored), so `make run` needs no setup.
func keysOrDevelopment(cfg config.Config, configured, file string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	path := filepath.Join(cfg.DataDir, file)
	if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
		return strings.TrimSpace(string(b)), nil
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("read development key %s: %w", path, err)
	}
	keys, err := sealer.NewKey("dev1")
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", cfg.DataDir, err)
	}
	// Write to a private temporary file, then link it into place: when
	// several instances share DATA_DIR (compose), exactly one key wins and
	// every instance reads that one.
	tmp, err := os.CreateTemp(cfg.DataDir, file+".*")
	if err != nil {
		return "", fmt.Errorf("save development key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(keys + "\n"); err != nil {
		tmp.Close()
		return "", fmt.Errorf("save development key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("save development key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("save development key %s: %w", path, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read development key %s: %w", path, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// keys are every signing and sealing key the modules need.
type keys struct {
	sealer   *sealer.Sealer
	jwt      *account.SigningKeys
	tickets  *booking.TicketKeys
	notify   *notify.Keys
	waitroom *waitroom.Keys
}

// loadKeys reads every key from the configuration (development: keys kept
// under DATA_DIR).
func loadKeys(cfg config.Config) (keys, error) {
	var k keys
	var err error
	if k.sealer, err = LoadSealer(cfg); err != nil {
		return k, err
	}
	if k.jwt, err = loadSigningKeys(cfg); err != nil {
		return k, err
	}
	if k.tickets, err = loadTicketKeys(cfg); err != nil {
		return k, err
	}
	spec, err := keysOrDevelopment(cfg, cfg.NotifyKeys, "notify-keys")
	if err != nil {
		return k, err
	}
	if k.notify, err = notify.ParseKeys(spec); err != nil {
		return k, fmt.Errorf("NOTIFY_KEYS: %w", err)
	}
	if spec, err = keysOrDevelopment(cfg, cfg.WaitroomKeys, "waitroom-keys"); err != nil {
		return k, err
	}
	if k.waitroom, err = waitroom.ParseKeys(spec); err != nil {
		return k, fmt.Errorf("WAITROOM_KEYS: %w", err)
	}
	return k, nil
}
