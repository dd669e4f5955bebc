package demo

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Chain is a demo cinema chain and the demo theaters it owns. Theaters
// not named by any chain stay with the independents.
type Chain struct {
	Slug, Name, BrandColor, TicketNote string
	// CancelWindowMinutes, CancelFeeMinor and BookingFeeMinor are the
	// chain's policy; nil keeps the site's default.
	CancelWindowMinutes *int32
	CancelFeeMinor      *int64
	BookingFeeMinor     *int64
	Theaters            []string
}

// Chains are the demo's two chains: Lumière runs the London theaters with
// a stricter cancellation window (24 hours, 1.00 fee) and a 0.75 booking
// fee a ticket; Apex runs the Mumbai theaters on the site's defaults. New
// York and Sydney stay independent.
func Chains() []Chain {
	day, fee, booking := int32(24*60), int64(1_00), int64(75)
	return []Chain{
		{Slug: "lumiere", Name: "Lumière Cinemas", BrandColor: "#1d4e89",
			TicketNote:          "Lumière Cinemas: doors open 30 minutes before the film. Cancel up to 24 hours before.",
			CancelWindowMinutes: &day, CancelFeeMinor: &fee, BookingFeeMinor: &booking,
			Theaters: []string{"Marquee Riverside", "The Electra Picturehouse Islington", "Orion Cineplex Stratford"}},
		{Slug: "apex", Name: "Apex Multiplex", BrandColor: "#b45309",
			TicketNote: "Apex Multiplex: outside food is not allowed. Show this ticket at the entrance.",
			Theaters: []string{"Orion Cineplex Bandra", "Marquee Lower Parel", "Saffron Screens Powai",
				"Gateway Talkies Colaba"}},
	}
}

// EnsureChains creates the demo chains that do not exist yet and moves
// their theaters to them from the independents. It is safe to run on
// every start: a chain already there keeps its settings, and a theater
// already moved elsewhere stays where it is.
func EnsureChains(ctx context.Context, pool *pgxpool.Pool) error {
	return pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		for _, c := range Chains() {
			if _, err := tx.Exec(ctx, `INSERT INTO catalog.chains
				(slug, name, brand_color, ticket_note, cancel_window_minutes, cancel_fee_minor, booking_fee_minor)
				VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (slug) DO NOTHING`,
				c.Slug, c.Name, c.BrandColor, c.TicketNote, c.CancelWindowMinutes, c.CancelFeeMinor, c.BookingFeeMinor); err != nil {
				return fmt.Errorf("demo chain %s: %w", c.Slug, err)
			}
			if _, err := tx.Exec(ctx, `UPDATE catalog.theaters SET chain_id = (SELECT id FROM catalog.chains WHERE slug = $1)
				WHERE name = ANY($2) AND chain_id = (SELECT id FROM catalog.chains WHERE slug = 'independent')`,
				c.Slug, c.Theaters); err != nil {
				return fmt.Errorf("demo theaters of chain %s: %w", c.Slug, err)
			}
		}
		return nil
	})
}

// PlaceFinder finds a place's ids by its chain's slug and its theater's
// name ("" for the whole chain); ok is false when the catalogue has no
// such place.
type PlaceFinder func(chain, theater string) (p authz.Place, ok bool, err error)

// Places reads the chains and theaters once and returns a PlaceFinder
// over them, for granting the demo staff their roles.
func Places(ctx context.Context, svc *catalog.Service) (PlaceFinder, error) {
	chains, err := svc.Chains(ctx)
	if err != nil {
		return nil, err
	}
	theaters, err := svc.Theaters(ctx, "")
	if err != nil {
		return nil, err
	}
	return func(chain, theater string) (authz.Place, bool, error) {
		for _, c := range chains {
			if c.Slug != chain {
				continue
			}
			if theater == "" {
				return authz.Place{ChainID: c.ID}, true, nil
			}
			for _, t := range theaters {
				if t.Name == theater && t.ChainID == c.ID {
					return t.Place(), true, nil
				}
			}
		}
		return authz.Place{}, false, nil
	}, nil
}
