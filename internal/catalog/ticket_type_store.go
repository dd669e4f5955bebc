package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

var ticketTypeCodePattern = regexp.MustCompile(`^[A-Z0-9_]{1,20}$`)

// ticketTypesInEffect are the active types sold at a theater of a chain:
// the theater's own list where it has one, otherwise the chain's.
func (s *Service) ticketTypesInEffect(ctx context.Context, db catalogdb.DBTX, chainID, theaterID int64) ([]TicketType, error) {
	rows, err := s.q.TicketTypeInEffect(ctx, db, catalogdb.TicketTypeInEffectParams{TheaterID: &theaterID, ChainID: chainID})
	if err != nil {
		return nil, fmt.Errorf("ticket types of theater %d: %w", theaterID, err)
	}
	out := make([]TicketType, len(rows))
	for i, r := range rows {
		out[i] = ticketTypeFromRow(r)
	}
	return out, nil
}

// TicketTypes lists a chain's own types (theaterID 0) or a theater's own
// types (chainID is then the theater's chain), inactive ones too.
func (s *Service) TicketTypes(ctx context.Context, chainID, theaterID int64) ([]TicketType, error) {
	var rows []catalogdb.CatalogTicketType
	var err error
	if theaterID != 0 {
		rows, err = s.q.TicketTypeListForTheater(ctx, s.pool, &theaterID)
	} else {
		rows, err = s.q.TicketTypeListForChain(ctx, s.pool, chainID)
	}
	if err != nil {
		return nil, fmt.Errorf("list ticket types of chain %d theater %d: %w", chainID, theaterID, err)
	}
	out := make([]TicketType, len(rows))
	for i, r := range rows {
		out[i] = ticketTypeFromRow(r)
	}
	return out, nil
}

// TicketType returns one type. Errors: ErrNotFound.
func (s *Service) TicketType(ctx context.Context, id int64) (TicketType, error) {
	r, err := s.q.TicketTypeGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return TicketType{}, fmt.Errorf("ticket type %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return TicketType{}, fmt.Errorf("get ticket type %d: %w", id, err)
	}
	return ticketTypeFromRow(r), nil
}

// validateTicketType checks every field of t. Errors: ErrInvalid.
func (s *Service) validateTicketType(t TicketType) error {
	var e validate.Errors
	name := strings.TrimSpace(t.Name)
	e.Check(name != "" && utf8.RuneCountInString(name) <= 40, "name", i18n.Msg("Enter a name (up to 40 characters)."))
	e.Check(ticketTypeCodePattern.MatchString(t.Code), "code", i18n.Msg("Enter a code of up to 20 capital letters, digits or underscores, e.g. CHILD."))
	e.Check(t.SortOrder >= 0 && t.SortOrder <= 999, "sort_order", i18n.Msg("Enter a sort order from 0 to 999."))
	e.Check(t.Percent >= 0 && t.Percent <= 200, "percent", i18n.Msg("Enter a percentage of the seat price from 0 to 200."))
	for cat, p := range t.FixedPrices {
		e.Check(slices.Contains(Categories(), cat), "fixed_prices", i18n.Msg("Fixed prices are for the listed seat categories only."))
		e.Check(p >= 0 && p <= 100_000_000, "fixed_prices", i18n.Msg("Enter fixed prices from 0 to 1000000."))
	}
	for _, d := range t.Days {
		e.Check(d >= time.Sunday && d <= time.Saturday, "days", i18n.Msg("Choose days from the list."))
	}
	e.Check(t.Daypart == AnyTime || t.Daypart == Matinee || t.Daypart == Evening, "daypart", i18n.Msg("Choose when in the day it is sold."))
	e.Check(t.MaxCertification == "" || s.certs.Valid(t.MaxCertification), "max_certification", i18n.Msg("Choose a certificate from the list."))
	e.Check(utf8.RuneCountInString(t.AgeNote) <= 60, "age_note", i18n.Msg("Keep the age note to 60 characters."))
	e.Check(utf8.RuneCountInString(t.ProofNote) <= 140, "proof_note", i18n.Msg("Keep the proof note to 140 characters."))
	e.Check(!t.ProofRequired || strings.TrimSpace(t.ProofNote) != "", "proof_note", i18n.Msg("Say what proof the door staff should ask for."))
	return e.Err()
}

// ticketTypeColumns turns the type's lists into their stored forms.
func ticketTypeColumns(t TicketType) (json.RawMessage, []int16) {
	fixed, _ := json.Marshal(t.FixedPrices)
	if len(t.FixedPrices) == 0 {
		fixed = json.RawMessage("{}")
	}
	days := make([]int16, 0, len(t.Days))
	for _, d := range t.Days {
		days = append(days, int16(d))
	}
	return fixed, days
}

// codeTaken turns the unique index on codes into a field error.
func codeTaken(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		var e validate.Errors
		e.Add("code", i18n.Msg("This list already has a type with that code."))
		return e.Err()
	}
	return nil
}

// CreateTicketType adds t to its chain's list (TheaterID 0) or to its
// theater's list. Errors: ErrInvalid.
func (s *Service) CreateTicketType(ctx context.Context, t TicketType) (TicketType, error) {
	t.Name, t.Code = strings.TrimSpace(t.Name), strings.ToUpper(strings.TrimSpace(t.Code))
	if err := s.validateTicketType(t); err != nil {
		return TicketType{}, err
	}
	fixed, days := ticketTypeColumns(t)
	var theater *int64
	if t.TheaterID != 0 {
		theater = &t.TheaterID
	}
	r, err := s.q.TicketTypeInsert(ctx, s.pool, catalogdb.TicketTypeInsertParams{ChainID: t.ChainID, TheaterID: theater,
		Code: t.Code, Name: t.Name, SortOrder: int32(t.SortOrder), Active: t.Active, Percent: int32(t.Percent),
		FixedPrices: fixed, Days: days, Daypart: string(t.Daypart), MaxCertification: t.MaxCertification,
		AgeNote: t.AgeNote, ProofRequired: t.ProofRequired, ProofNote: t.ProofNote})
	if ferr := codeTaken(err); ferr != nil {
		return TicketType{}, ferr
	}
	if err != nil {
		return TicketType{}, fmt.Errorf("create ticket type %q: %w", t.Code, err)
	}
	return ticketTypeFromRow(r), nil
}

// UpdateTicketType saves t over the stored type t.ID; sold tickets keep
// what they were sold as. Errors: ErrInvalid, ErrNotFound.
func (s *Service) UpdateTicketType(ctx context.Context, t TicketType) (TicketType, error) {
	t.Name, t.Code = strings.TrimSpace(t.Name), strings.ToUpper(strings.TrimSpace(t.Code))
	if err := s.validateTicketType(t); err != nil {
		return TicketType{}, err
	}
	fixed, days := ticketTypeColumns(t)
	r, err := s.q.TicketTypeUpdate(ctx, s.pool, catalogdb.TicketTypeUpdateParams{ID: t.ID, Code: t.Code, Name: t.Name,
		SortOrder: int32(t.SortOrder), Active: t.Active, Percent: int32(t.Percent), FixedPrices: fixed, Days: days,
		Daypart: string(t.Daypart), MaxCertification: t.MaxCertification, AgeNote: t.AgeNote,
		ProofRequired: t.ProofRequired, ProofNote: t.ProofNote})
	if ferr := codeTaken(err); ferr != nil {
		return TicketType{}, ferr
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return TicketType{}, fmt.Errorf("ticket type %d: %w", t.ID, ErrNotFound)
	}
	if err != nil {
		return TicketType{}, fmt.Errorf("update ticket type %d: %w", t.ID, err)
	}
	return ticketTypeFromRow(r), nil
}

// DeactivateTicketType stops selling type id; tickets already sold keep it.
func (s *Service) DeactivateTicketType(ctx context.Context, id int64) error {
	if err := s.q.TicketTypeSetActive(ctx, s.pool, catalogdb.TicketTypeSetActiveParams{ID: id, Active: false}); err != nil {
		return fmt.Errorf("deactivate ticket type %d: %w", id, err)
	}
	return nil
}
