package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// Chain is a cinema organisation owning theaters: its brand on tickets and
// in emails, and its policy where it differs from the site's defaults.
type Chain struct {
	ID   int64
	Slug string
	Name string
	// BrandColor is "#rrggbb"; TicketNote is printed on its tickets.
	BrandColor string
	TicketNote string
	Policy     ChainPolicy
}

// ChainPolicy is what a chain sets for its bookings; a nil field means
// the site's default (CANCEL_WINDOW, CANCEL_FEE, PRICING).
type ChainPolicy struct {
	// CancelWindow: buyers may cancel until this long before the show.
	CancelWindow *time.Duration
	// CancelFee is kept from a buyer's cancellation refund (minor units).
	CancelFee *int64
	// BookingFee is charged per ticket (minor units).
	BookingFee *int64
	// ExchangeAnyMovie lets buyers exchange a booking for any of the
	// chain's shows; otherwise only for another show of the same movie.
	ExchangeAnyMovie bool
	// TransferLimit is how many times one booking's tickets may be passed
	// on (nil: the site's default).
	TransferLimit *int
}

// Place is where a theater's pages belong, for authz checks.
func (t Theater) Place() authz.Place { return authz.Place{ChainID: t.ChainID, TheaterID: t.ID} }

// Chain returns a chain. Errors: ErrNotFound.
func (s *Service) Chain(ctx context.Context, id int64) (Chain, error) {
	return s.chain(ctx, s.pool, id)
}

func (s *Service) chain(ctx context.Context, db catalogdb.DBTX, id int64) (Chain, error) {
	row, err := s.q.ChainGet(ctx, db, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Chain{}, fmt.Errorf("chain %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Chain{}, fmt.Errorf("get chain %d: %w", id, err)
	}
	return chainFromRow(row), nil
}

// Chains lists every chain by name.
func (s *Service) Chains(ctx context.Context) ([]Chain, error) {
	rows, err := s.q.ChainList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list chains: %w", err)
	}
	out := make([]Chain, len(rows))
	for i, r := range rows {
		out[i] = chainFromRow(r)
	}
	return out, nil
}

func chainFromRow(r catalogdb.CatalogChain) Chain {
	c := Chain{ID: r.ID, Slug: r.Slug, Name: r.Name, BrandColor: r.BrandColor, TicketNote: r.TicketNote,
		Policy: ChainPolicy{CancelFee: r.CancelFeeMinor, BookingFee: r.BookingFeeMinor, ExchangeAnyMovie: r.ExchangeAnyMovie}}
	if r.CancelWindowMinutes != nil {
		w := time.Duration(*r.CancelWindowMinutes) * time.Minute
		c.Policy.CancelWindow = &w
	}
	if r.TransferLimit != nil {
		n := int(*r.TransferLimit)
		c.Policy.TransferLimit = &n
	}
	return c
}
