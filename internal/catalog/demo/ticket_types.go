package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// childCeiling is the strictest certificate a child ticket is sold for in
// a scheme: films children may see (with an adult where the rating says
// so), never the adults-only ones (R and NC-17, 15 and 18, A and S).
func childCeiling(scheme catalog.CertificationScheme) string {
	switch scheme.Name {
	case "bbfc":
		return "12A"
	case "cbfc":
		return "UA"
	default:
		return "PG-13"
	}
}

// TicketTypes are the demo chains' price cards by chain slug, as a
// percentage of the seat's price at any time of day, with certificate
// ceilings in scheme. Lumière (London) sells Adult, Child (under 15, not
// for adults-only films), Senior (60 and over) and Student (with a
// student card shown at the door); Apex (Mumbai) sells Adult, Child (3 to
// 12, not for A films) and Senior (with a photo ID showing age). The
// independents in New York and Sydney sell one full price: the built-in
// Adult.
func TicketTypes(scheme catalog.CertificationScheme) map[string][]catalog.TicketType {
	child := childCeiling(scheme)
	kind := func(code, name string, order, percent int) catalog.TicketType {
		return catalog.TicketType{Code: code, Name: name, SortOrder: order, Active: true, Percent: percent, Daypart: catalog.AnyTime}
	}
	adult := kind(catalog.AdultCode, "Adult", 0, 100)
	lumChild, lumSenior, student := kind("CHILD", "Child", 1, 70), kind("SENIOR", "Senior", 2, 80), kind("STUDENT", "Student", 3, 80)
	lumChild.AgeNote, lumChild.MaxCertification = "Under 15", child
	lumSenior.AgeNote = "60 and over"
	student.AgeNote, student.ProofRequired = "In full-time education", true
	student.ProofNote = "A valid student card with photo (TOTUM or university ID)"
	apexChild, apexSenior := kind("CHILD", "Child", 1, 70), kind("SENIOR", "Senior", 2, 80)
	apexChild.AgeNote, apexChild.MaxCertification = "3 to 12 years", child
	apexSenior.AgeNote, apexSenior.ProofRequired = "60 and over", true
	apexSenior.ProofNote = "Government photo ID showing age (Aadhaar, PAN card or passport)"
	return map[string][]catalog.TicketType{
		"lumiere": {adult, lumChild, lumSenior, student},
		"apex":    {adult, apexChild, apexSenior},
	}
}

// EnsureTicketTypes gives each demo chain its price card when the chain
// has no ticket types yet. It is safe to run on every start: a chain
// with any type of its own, or of one of its theaters, keeps what staff
// made of its list.
func EnsureTicketTypes(ctx context.Context, pool *pgxpool.Pool, scheme catalog.CertificationScheme) error {
	return pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		for slug, types := range TicketTypes(scheme) {
			var chainID int64
			var has bool
			err := tx.QueryRow(ctx, `SELECT c.id, EXISTS (SELECT 1 FROM catalog.ticket_types t WHERE t.chain_id = c.id)
				FROM catalog.chains c WHERE c.slug = $1`, slug).Scan(&chainID, &has)
			if errors.Is(err, pgx.ErrNoRows) || has {
				continue
			}
			if err != nil {
				return fmt.Errorf("demo ticket types of chain %s: %w", slug, err)
			}
			for _, t := range types {
				if _, err := tx.Exec(ctx, `INSERT INTO catalog.ticket_types (chain_id, code, name, sort_order, active, percent,
					daypart, max_certification, age_note, proof_required, proof_note)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
					chainID, t.Code, t.Name, t.SortOrder, t.Active, t.Percent, t.Daypart, t.MaxCertification,
					t.AgeNote, t.ProofRequired, t.ProofNote); err != nil {
					return fmt.Errorf("demo ticket type %s of chain %s: %w", t.Code, slug, err)
				}
			}
		}
		return nil
	})
}
