package payments

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Seller is who sells a chain's tickets, as its documents name them.
// ChainID 0 stands for independent cinemas and every chain without a
// seller of its own.
type Seller struct {
	ChainID   int64
	LegalName string
	Address   string
	// TaxScheme is SchemeGST, SchemeVAT or SchemeNone; TaxID the GSTIN or
	// VAT number under it.
	TaxScheme string
	TaxID     string
	// StateCode is the seller's GST state ("27"), "" outside GST.
	StateCode string
	// SeriesPrefix starts its documents' numbers ("LUM" in LUM-2026-R-000042).
	SeriesPrefix string
}

var prefixShape = regexp.MustCompile(`^[A-Z0-9]{2,8}$`)

// Validate checks a seller as staff typed it. Errors: validate.Errors by
// field (legal_name, address, tax_scheme, tax_id, state_code,
// series_prefix).
func (s Seller) Validate() error {
	var errs validate.Errors
	errs.Check(s.LegalName != "" && len(s.LegalName) <= 120, "legal_name", i18n.Msg("Enter the seller's legal name (up to 120 characters)."))
	errs.Check(len(s.Address) <= 300, "address", i18n.Msg("Keep the address under 300 characters."))
	errs.Check(prefixShape.MatchString(s.SeriesPrefix), "series_prefix", i18n.Msg("Use 2 to 8 capital letters or digits, like LUM."))
	switch s.TaxScheme {
	case SchemeGST:
		errs.Check(stateShape.MatchString(s.StateCode) && s.StateCode != "00", "state_code",
			i18n.Msg("Enter the GST state code: two digits, like 27 for Maharashtra."))
		switch {
		case !ValidGSTIN(s.TaxID):
			errs.Add("tax_id", i18n.Msg("Enter a valid GSTIN: 15 characters, like 27AAPFU0939F1ZV."))
		case s.StateCode != "" && s.TaxID[:2] != s.StateCode:
			errs.Add("tax_id", i18n.Msg("The GSTIN must start with the state code."))
		}
	case SchemeVAT:
		errs.Check(ValidVATNumber(s.TaxID), "tax_id", i18n.Msg("Enter a VAT number with its country prefix, like GB123456789."))
		errs.Check(s.StateCode == "", "state_code", i18n.Msg("A state code is only for GST."))
	case SchemeNone:
		errs.Check(s.TaxID == "", "tax_id", i18n.Msg("A seller not registered for tax has no tax number."))
		errs.Check(s.StateCode == "", "state_code", i18n.Msg("A state code is only for GST."))
	default:
		errs.Add("tax_scheme", i18n.Msg("Choose GST, VAT or not registered."))
	}
	return errs.Err()
}

// normalised trims what staff typed and upper-cases the codes.
func (s Seller) normalised() Seller {
	s.LegalName, s.Address = strings.TrimSpace(s.LegalName), strings.TrimSpace(s.Address)
	s.TaxID = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s.TaxID), " ", ""))
	s.StateCode = strings.TrimSpace(s.StateCode)
	s.SeriesPrefix = strings.ToUpper(strings.TrimSpace(s.SeriesPrefix))
	return s
}

func sellerFromRow(r paymentsdb.PaymentsReceiptSeller) Seller {
	return Seller{ChainID: r.ChainID, LegalName: r.LegalName, Address: r.Address, TaxScheme: r.TaxScheme, TaxID: r.TaxID,
		StateCode: r.StateCode, SeriesPrefix: r.SeriesPrefix}
}

// Sellers lists the sellers staff have set, by chain.
func (s *Service) Sellers(ctx context.Context) ([]Seller, error) {
	rows, err := s.q.ReceiptSellerList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list sellers: %w", err)
	}
	out := make([]Seller, len(rows))
	for i, r := range rows {
		out[i] = sellerFromRow(r)
	}
	return out, nil
}

// SaveSeller sets the seller of a chain (0: independents). Documents
// already issued keep the seller they were issued with.
// Errors: validate.Errors (see Seller.Validate).
func (s *Service) SaveSeller(ctx context.Context, in Seller) (Seller, error) {
	in = in.normalised()
	if in.ChainID < 0 {
		return Seller{}, fmt.Errorf("seller of chain %d: %w", in.ChainID, ErrNotFound)
	}
	if err := in.Validate(); err != nil {
		return Seller{}, err
	}
	if err := s.q.ReceiptSellerSave(ctx, s.pool, paymentsdb.ReceiptSellerSaveParams(sellerParams(in))); err != nil {
		return Seller{}, fmt.Errorf("save seller of chain %d: %w", in.ChainID, err)
	}
	return in, nil
}

func sellerParams(in Seller) paymentsdb.ReceiptSellerSeedParams {
	return paymentsdb.ReceiptSellerSeedParams{ChainID: in.ChainID, LegalName: in.LegalName, Address: in.Address,
		TaxScheme: in.TaxScheme, TaxID: in.TaxID, StateCode: in.StateCode, SeriesPrefix: in.SeriesPrefix}
}

// sellerFor is the seller of a chain's documents: its own, else the
// independents' (chain 0), else an unregistered seller named by the
// theater when the document is made.
func (s *Service) sellerFor(ctx context.Context, chainID int64) (Seller, error) {
	for _, id := range []int64{chainID, 0} {
		row, err := s.q.ReceiptSellerGet(ctx, s.pool, id)
		if err == nil {
			return sellerFromRow(row), nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return Seller{}, fmt.Errorf("seller of chain %d: %w", id, err)
		}
	}
	return Seller{TaxScheme: SchemeNone, SeriesPrefix: "MQ"}, nil
}

// SeedSellers gives the demo chains their sellers unless staff already
// set them: Lumière (chainIDs["lumiere"]) a UK VAT registration, Apex
// (chainIDs["apex"]) a GSTIN in Maharashtra, and independent cinemas
// (chain 0) none. A chain missing from chainIDs is skipped.
func SeedSellers(ctx context.Context, pool *pgxpool.Pool, chainIDs map[string]int64) error {
	sellers := []Seller{{ChainID: 0, LegalName: "Marquee Independent Cinemas", TaxScheme: SchemeNone, SeriesPrefix: "IND"}}
	if id, ok := chainIDs["lumiere"]; ok {
		sellers = append(sellers, Seller{ChainID: id, LegalName: "Lumière Cinemas Ltd",
			Address: "12 Riverside Walk, London SE1 9PP, United Kingdom", TaxScheme: SchemeVAT, TaxID: "GB123456789",
			SeriesPrefix: "LUM"})
	}
	if id, ok := chainIDs["apex"]; ok {
		sellers = append(sellers, Seller{ChainID: id, LegalName: "Apex Multiplex Private Limited",
			Address: "Senapati Bapat Marg, Lower Parel, Mumbai 400013, Maharashtra, India", TaxScheme: SchemeGST,
			TaxID: "27AAACA1234A1ZK", StateCode: "27", SeriesPrefix: "APX"})
	}
	q := paymentsdb.New()
	for _, sl := range sellers {
		if err := q.ReceiptSellerSeed(ctx, pool, sellerParams(sl)); err != nil {
			return fmt.Errorf("demo seller of chain %d: %w", sl.ChainID, err)
		}
	}
	return nil
}
