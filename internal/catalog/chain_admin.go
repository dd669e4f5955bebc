package catalog

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Limits of a chain's settings, the same as the table's checks.
const (
	chainNameMax       = 80
	chainNoteMax       = 280
	chainWindowMaxMins = 14 * 24 * 60
	chainFeeMaxMinor   = 100_000_000
	chainTransfersMax  = 20
)

// brandColorPattern is a colour as the tickets print it: "#rrggbb".
var brandColorPattern = regexp.MustCompile(`^#[0-9a-f]{6}$`)

// ChainInput is what a chain's admin edits. A nil policy field leaves the
// site's default in force.
type ChainInput struct {
	Name       string
	BrandColor string
	TicketNote string
	// CancelWindowMinutes: buyers may cancel until this long before a show.
	CancelWindowMinutes *int
	// CancelFee and BookingFee are in minor units.
	CancelFee  *int64
	BookingFee *int64
	// ExchangeAnyMovie and TransferLimit are the after-sale policy (see
	// ChainPolicy).
	ExchangeAnyMovie bool
	TransferLimit    *int
}

// validate checks every field at once; the brand colour is expected in
// lower case (normalised by the caller).
func (in ChainInput) validate() error {
	var e validate.Errors
	name := strings.TrimSpace(in.Name)
	e.Check(name != "" && utf8.RuneCountInString(name) <= chainNameMax, "name", i18n.Msg("Enter the chain's name (up to 80 characters)."))
	e.Check(brandColorPattern.MatchString(in.BrandColor), "brand_color", i18n.Msg("Enter the brand colour as #rrggbb, e.g. #b4232a."))
	e.Check(utf8.RuneCountInString(in.TicketNote) <= chainNoteMax, "ticket_note", i18n.Msg("Keep the ticket note to 280 characters."))
	e.Check(in.CancelWindowMinutes == nil || (*in.CancelWindowMinutes >= 0 && *in.CancelWindowMinutes <= chainWindowMaxMins),
		"cancel_window", i18n.Msg("The cancellation window is 0 to 20160 minutes (14 days)."))
	e.Check(in.CancelFee == nil || (*in.CancelFee >= 0 && *in.CancelFee <= chainFeeMaxMinor), "cancel_fee", i18n.Msg("Enter a fee from 0 to 1000000."))
	e.Check(in.BookingFee == nil || (*in.BookingFee >= 0 && *in.BookingFee <= chainFeeMaxMinor), "booking_fee", i18n.Msg("Enter a fee from 0 to 1000000."))
	e.Check(in.TransferLimit == nil || (*in.TransferLimit >= 0 && *in.TransferLimit <= chainTransfersMax),
		"transfer_limit", i18n.Msg("Allow 0 to 20 transfers, or leave it blank for the site's default."))
	return e.Err()
}

// normalized trims the text fields and lower-cases the colour.
func (in ChainInput) normalized() ChainInput {
	in.Name = strings.TrimSpace(in.Name)
	in.BrandColor = strings.ToLower(strings.TrimSpace(in.BrandColor))
	in.TicketNote = strings.TrimSpace(in.TicketNote)
	return in
}

func (in ChainInput) window() *int32 {
	if in.CancelWindowMinutes == nil {
		return nil
	}
	w := int32(*in.CancelWindowMinutes)
	return &w
}

func (in ChainInput) transfers() *int32 {
	if in.TransferLimit == nil {
		return nil
	}
	n := int32(*in.TransferLimit) // #nosec G115 -- validate keeps it within 0..20
	return &n
}

// CreateChain adds a chain with a slug made from its name. Errors:
// ErrInvalid (validate.Errors by field).
func (s *Service) CreateChain(ctx context.Context, in ChainInput) (Chain, error) {
	in = in.normalized()
	if err := in.validate(); err != nil {
		return Chain{}, err
	}
	var c Chain
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		base := Slugify(in.Name)
		if base == "" {
			base = "chain"
		}
		slug, err := s.uniqueSlug(ctx, tx, base, time.Time{}, s.q.ChainSlugExists)
		if err != nil {
			return err
		}
		row, err := s.q.ChainInsert(ctx, tx, catalogdb.ChainInsertParams{Slug: slug, Name: in.Name, BrandColor: in.BrandColor,
			TicketNote: in.TicketNote, CancelWindowMinutes: in.window(), CancelFeeMinor: in.CancelFee, BookingFeeMinor: in.BookingFee,
			ExchangeAnyMovie: in.ExchangeAnyMovie, TransferLimit: in.transfers()})
		if err != nil {
			return err
		}
		c = chainFromRow(row)
		return nil
	})
	if err != nil {
		return Chain{}, fmt.Errorf("create chain %q: %w", in.Name, err)
	}
	return c, nil
}

// UpdateChain changes a chain's name, brand and policy; its slug stays.
// Errors: ErrNotFound, ErrInvalid.
func (s *Service) UpdateChain(ctx context.Context, id int64, in ChainInput) (Chain, error) {
	in = in.normalized()
	if err := in.validate(); err != nil {
		return Chain{}, err
	}
	row, err := s.q.ChainUpdate(ctx, s.pool, catalogdb.ChainUpdateParams{ID: id, Name: in.Name, BrandColor: in.BrandColor,
		TicketNote: in.TicketNote, CancelWindowMinutes: in.window(), CancelFeeMinor: in.CancelFee, BookingFeeMinor: in.BookingFee,
		ExchangeAnyMovie: in.ExchangeAnyMovie, TransferLimit: in.transfers()})
	if errors.Is(err, pgx.ErrNoRows) {
		return Chain{}, fmt.Errorf("update chain %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Chain{}, fmt.Errorf("update chain %d: %w", id, err)
	}
	return chainFromRow(row), nil
}

// ChainSummary is a chain as the staff chains page lists it.
type ChainSummary struct {
	Chain
	TheaterCount int
}

// ChainsIn lists the chains f covers (every chain when f.All, else those
// of f.ChainIDs) by name, with how many theaters each has.
func (s *Service) ChainsIn(ctx context.Context, f authz.Filter) ([]ChainSummary, error) {
	rows, err := s.q.ChainListWithTheaterCount(ctx, s.pool, catalogdb.ChainListWithTheaterCountParams{AllChains: f.All, Ids: f.ChainIDs})
	if err != nil {
		return nil, fmt.Errorf("list chains with theater counts: %w", err)
	}
	out := make([]ChainSummary, len(rows))
	for i, r := range rows {
		out[i] = ChainSummary{Chain: chainFromRow(r.CatalogChain), TheaterCount: int(r.TheaterCount)}
	}
	return out, nil
}

// TheaterIDsIn expands f into the theaters it covers: all is true (and ids
// nil) for every theater, otherwise ids lists them by id (possibly none).
func (s *Service) TheaterIDsIn(ctx context.Context, f authz.Filter) (all bool, ids []int64, err error) {
	if f.All {
		return true, nil, nil
	}
	if len(f.ChainIDs) == 0 && len(f.TheaterIDs) == 0 {
		return false, []int64{}, nil
	}
	ids, err = s.q.TheaterIDsIn(ctx, s.pool, catalogdb.TheaterIDsInParams{ChainIds: f.ChainIDs, TheaterIds: f.TheaterIDs})
	if err != nil {
		return false, nil, fmt.Errorf("theaters in %+v: %w", f, err)
	}
	if ids == nil {
		ids = []int64{}
	}
	return false, ids, nil
}
