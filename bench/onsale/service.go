package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/jobs"
)

// servicePlayer does a buyer's hold work in process, through the booking
// service the server runs (Hold, ReleaseHold, SeatMap): the same code and
// transactions, without HTTP, JSON, token checks or the waiting room.
type servicePlayer struct {
	svc    *booking.Service
	show   show
	userID int64
}

func (p *servicePlayer) seatMap(ctx context.Context) (*seatMap, error) {
	m, err := p.svc.SeatMap(ctx, p.show.id)
	if err != nil {
		return nil, err
	}
	seats := make([]seat, len(m.Seats))
	for i, s := range m.Seats {
		seats[i] = seat{label: s.Seat, row: s.Row, col: s.Col, free: s.State == booking.Free}
	}
	return newSeatMap(seats), nil
}

func (p *servicePlayer) hold(ctx context.Context, seats []string) (int64, bool, error) {
	b, err := p.svc.Hold(ctx, p.userID, p.show.id, seats)
	if errors.Is(err, booking.ErrSeatTaken) {
		return 0, true, nil
	}
	return b.ID, false, err
}

func (p *servicePlayer) release(ctx context.Context, id int64) error {
	_, err := p.svc.ReleaseHold(ctx, p.userID, id)
	return err
}

// playService runs the same hold work from one goroutine per buyer through
// a booking service on a pool of cfg.rawConns connections, built as the
// server builds it (default HOLD_TTL and MAX_UNPAID_HOLDS).
func playService(ctx context.Context, pool *pgxpool.Pool, buyers []*buyer, s show, cfg config) (*tally, error) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	inserter, err := jobs.New(pool, jobs.Options{Log: log, InsertOnly: true})
	if err != nil {
		return nil, fmt.Errorf("job client: %w", err)
	}
	svc := booking.NewService(pool, catalog.NewService(pool, catalog.Options{}), booking.RiverJobs{Client: inserter},
		booking.Options{Log: log, MaxUnpaidHolds: 3})
	players := make([]player, len(buyers))
	for i, b := range buyers {
		players[i] = &servicePlayer{svc: svc, show: s, userID: b.id}
	}
	return play(ctx, players, cfg.rawDuration, cfg.maxRequests, cfg), nil
}
