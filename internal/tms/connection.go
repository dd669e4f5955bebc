package tms

import (
	"context"
	"errors"
	"fmt"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/tms/tmsdb"
)

// Connection is a theater's link to its theater management system. The
// key itself never leaves the service: HasKey says whether one is set.
type Connection struct {
	ID              int64
	TheaterID       int64
	FeedURL         string
	HasKey          bool
	Enabled         bool
	IntervalMinutes int
	LastRunAt       *time.Time
}

// ConnectionInput is what an admin sets.
type ConnectionInput struct {
	FeedURL string
	// Key is the bearer key the feed expects; empty keeps the current one.
	Key             string
	Enabled         bool
	IntervalMinutes int
}

// keyContext binds a sealed key to its use, so a sealed value copied
// elsewhere does not open.
const keyContext = "tms.feed_key"

// Connection returns a theater's connection. Errors: ErrNotFound.
func (s *Service) Connection(ctx context.Context, theaterID int64) (Connection, error) {
	row, err := s.q.ConnectionByTheater(ctx, s.pool, theaterID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Connection{}, fmt.Errorf("connection of theater %d: %w", theaterID, ErrNotFound)
	}
	if err != nil {
		return Connection{}, fmt.Errorf("connection of theater %d: %w", theaterID, err)
	}
	return connectionFromRow(row), nil
}

// SaveConnection creates or updates the theater's connection. The feed
// address is https (http only to this machine, or anywhere with
// Options.AllowHTTP). Errors: ErrInvalid (validate.Errors).
func (s *Service) SaveConnection(ctx context.Context, theaterID int64, in ConnectionInput) (Connection, error) {
	var e validate.Errors
	u, err := url.Parse(strings.TrimSpace(in.FeedURL))
	ok := err == nil && u.Host != "" && (u.Scheme == "https" || u.Scheme == "http" && (s.opts.AllowHTTP || isLoopback(u.Hostname())))
	e.Check(ok, "feed_url", i18n.T(ctx, "Enter the feed's https:// address."))
	e.Check(in.IntervalMinutes >= 1 && in.IntervalMinutes <= 1440, "interval_minutes", i18n.T(ctx, "Enter how often to sync, 1 to 1440 minutes."))
	e.Check(len(in.Key) <= 4096, "key", i18n.T(ctx, "The key is too long."))
	if err := e.Err(); err != nil {
		return Connection{}, err
	}
	sealed := ""
	if k := strings.TrimSpace(in.Key); k != "" {
		if sealed, err = s.opts.Sealer.Seal(k, keyContext); err != nil {
			return Connection{}, fmt.Errorf("seal the feed key: %w", err)
		}
	}
	row, err := s.q.ConnectionSave(ctx, s.pool, tmsdb.ConnectionSaveParams{TheaterID: theaterID, FeedUrl: u.String(),
		KeySealed: sealed, Enabled: in.Enabled, IntervalMinutes: int32(in.IntervalMinutes)})
	if err != nil {
		return Connection{}, fmt.Errorf("save the connection of theater %d: %w", theaterID, err)
	}
	return connectionFromRow(row), nil
}

// Theater returns the theater a connection page is about. Errors:
// catalog.ErrNotFound.
func (s *Service) Theater(ctx context.Context, id int64) (catalog.Theater, error) {
	return s.catalog.Theater(ctx, id)
}

func (s *Service) openKey(c tmsdb.TmsConnection) (string, error) {
	if c.KeySealed == "" {
		return "", nil
	}
	return s.opts.Sealer.Open(c.KeySealed, keyContext)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func connectionFromRow(r tmsdb.TmsConnection) Connection {
	return Connection{ID: r.ID, TheaterID: r.TheaterID, FeedURL: r.FeedUrl, HasKey: r.KeySealed != "",
		Enabled: r.Enabled, IntervalMinutes: int(r.IntervalMinutes), LastRunAt: r.LastRunAt}
}

func isCancelled(err error) bool { return errors.Is(err, catalog.ErrShowCancelled) }
