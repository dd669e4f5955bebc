// Package waitroom is the waiting room for on-sales. Staff put a room in
// front of one show or of a movie's opening (all its shows) with an on-sale
// time and an admission rate; buyers who come before the on-sale time, or
// faster than the rate, get a place in a queue and are admitted in arrival
// order at that rate, on every app instance alike (all state is in
// PostgreSQL). Booking asks Admit before it shows a seat map or holds
// seats; shows without a room are answered from memory.
package waitroom

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/waitroom/waitroomdb"
)

var (
	// ErrNotFound: no such waiting room.
	ErrNotFound = errors.New("we couldn't find that waiting room")
	// ErrInvalid: a room's settings or a place token are not acceptable.
	ErrInvalid = validate.ErrInvalid
)

// Catalog is what the staff page needs from the catalogue
// (*catalog.Service): the show a room is for and the movies to choose from.
type Catalog interface {
	ShowDetail(ctx context.Context, id int64) (catalog.ShowDetail, error)
	ScheduleChoices(ctx context.Context) (catalog.ScheduleChoices, error)
}

// Options configure the Service. The zero value of each field is a
// sensible default.
type Options struct {
	// Pass is how long an admitted buyer gets through without queueing
	// again (default 15 minutes).
	Pass time.Duration
	// Keys sign place tokens (ParseKeys); required.
	Keys *Keys
	// Catalog names shows and movies on the staff page.
	Catalog Catalog
	// Now is the clock (tests drive it); default time.Now.
	Now func() time.Time
	// Log reports refresh failures of the in-memory room snapshot.
	Log *slog.Logger
}

// Service runs the waiting rooms. It is safe for concurrent use.
type Service struct {
	pool   *pgxpool.Pool
	q      *waitroomdb.Queries
	opts   Options
	rooms  *roomCache
	queues *queueCache
	passes *passCache
}

// NewService returns the waiting-room service over pool.
func NewService(pool *pgxpool.Pool, o Options) *Service {
	if o.Pass <= 0 {
		o.Pass = 15 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	s := &Service{pool: pool, q: waitroomdb.New(), opts: o, passes: newPassCache()}
	s.rooms = newRoomCache(s.loadScopes)
	s.queues = newQueueCache(s.loadWaiting)
	return s
}

// Decision is the answer of Admit: whether the buyer may pick seats now
// and, when not, where they stand.
type Decision struct {
	// Admitted buyers go on to the seat map and may hold seats.
	Admitted bool
	// RoomID is the room in front of the show (0: none).
	RoomID int64
	// WaitPath is the waiting page of the room, when not admitted.
	WaitPath string
	// Position counts the buyers to be admitted before this one, plus one
	// (1: next). 0 for a visitor who has no place yet.
	Position int
	// Wait is how long until the buyer's admission, as planned now.
	Wait time.Duration
	// OnSaleAt is the room's on-sale time.
	OnSaleAt time.Time
}

// Place is a buyer's place in a room's queue, for the waiting page.
type Place struct {
	RoomID   int64
	UserID   int64
	AdmitAt  time.Time
	Position int // as in Decision; 0 once admitted
	Wait     time.Duration
	Admitted bool
	// Token names this place, signed, for the live updates.
	Token string
	// OnSaleAt and Rate describe the room.
	OnSaleAt time.Time
	Rate     int
}

// waitPath is the waiting page of room id.
func waitPath(id int64) string { return "/waiting/" + itoa(id) }
