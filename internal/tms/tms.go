// Package tms connects a theater to its theater management system (TMS):
// Marquee polls the JSON feed the TMS publishes (docs/tms-feed.md) and
// reconciles the catalogue and the seat maps with it. New sessions are
// scheduled, moved ones moved, removed ones cancelled (booking refunds
// their buyers), changed prices set and seats sold at the theater's own
// counter blocked on our map. Every row is checked first, with the
// catalogue's import validation: a feed with one bad row changes nothing,
// and the run's log names the row and why. Every run is logged.
//
// The module owns the tms schema (connections, the external ids' map, runs)
// and reaches the catalogue and booking only through Catalog and
// Inventory, declared here.
package tms

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/sealer"
	"github.com/marqueehq/marquee/internal/tms/tmsdb"
)

// Errors.
var (
	// ErrNotFound: no such connection or run.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the connection's settings are not usable (validate.Errors).
	ErrInvalid = errors.New("invalid input")
)

// Catalog is what the sync reads and changes in the catalogue:
// *catalog.Service.
type Catalog interface {
	Theater(ctx context.Context, id int64) (catalog.Theater, error)
	Screens(ctx context.Context, theaterID int64) ([]catalog.Screen, error)
	Movie(ctx context.Context, id int64) (catalog.Movie, error)
	Show(ctx context.Context, id int64) (catalog.Show, error)
	ValidateMovie(in catalog.MovieInput) error
	ValidateImportWith(ctx context.Context, rows []catalog.ImportRow, pending map[string]catalog.MovieInput) error
	CreateMovie(ctx context.Context, in catalog.MovieInput) (catalog.Movie, error)
	ScheduleImport(ctx context.Context, rows []catalog.ImportRow) ([]catalog.Show, error)
	CheckMoveShow(ctx context.Context, id int64, startsAt time.Time) error
	MoveShow(ctx context.Context, id int64, startsAt time.Time) (catalog.Show, error)
	CancelShow(ctx context.Context, id int64) (catalog.Show, error)
	SetShowPrices(ctx context.Context, id int64, prices catalog.Prices) error
}

// Inventory is the seat inventory the sync blocks seats in:
// *booking.Service.
type Inventory interface {
	BlockSeats(ctx context.Context, showID int64, labels []string) ([]string, []booking.SeatConflict, error)
	UnblockSeats(ctx context.Context, showID int64, labels []string) (int, error)
	LiveBookings(ctx context.Context, showID int64) (int, error)
}

// Jobs enqueues sync jobs: a River client.
type Jobs interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Options are the service's settings.
type Options struct {
	// Sealer seals the feeds' keys at rest (required).
	Sealer *sealer.Sealer
	// Client fetches feeds; nil: a client with FetchTimeout.
	Client *http.Client
	// FetchTimeout bounds one fetch of a feed (20 s when 0).
	FetchTimeout time.Duration
	// MaxFeedBytes bounds a feed's size (8 MB when 0).
	MaxFeedBytes int64
	// AllowHTTP accepts http:// feed addresses on any host (tests and
	// development); otherwise only https, or http to localhost.
	AllowHTTP bool
	Log       *slog.Logger
	Now       func() time.Time
}

// Service runs theater management system connections.
type Service struct {
	pool    *pgxpool.Pool
	q       *tmsdb.Queries
	catalog Catalog
	seats   Inventory
	jobs    Jobs
	opts    Options
}

// NewService returns the service over pool.
func NewService(pool *pgxpool.Pool, cat Catalog, seats Inventory, jobs Jobs, o Options) *Service {
	if o.FetchTimeout == 0 {
		o.FetchTimeout = 20 * time.Second
	}
	if o.MaxFeedBytes == 0 {
		o.MaxFeedBytes = 8 << 20
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.FetchTimeout}
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{pool: pool, q: tmsdb.New(), catalog: cat, seats: seats, jobs: jobs, opts: o}
}
