package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// enqueueReceipt asks, inside the transaction where payment paymentID
// succeeds, for its receipt or tax invoice; nothing without ReceiptFacts.
func (s *Service) enqueueReceipt(ctx context.Context, tx pgx.Tx, paymentID int64) error {
	if s.opts.Receipts.Facts == nil {
		return nil
	}
	return s.jobs.IssueReceipt(ctx, tx, paymentID)
}

// enqueueCreditNote asks, inside the transaction where refund refundID
// succeeds, for its credit note; nothing without ReceiptFacts.
func (s *Service) enqueueCreditNote(ctx context.Context, tx pgx.Tx, refundID int64) error {
	if s.opts.Receipts.Facts == nil {
		return nil
	}
	return s.jobs.IssueCreditNote(ctx, tx, refundID)
}

// IssueReceipt issues the receipt (or tax invoice) of a paid payment, once:
// asked again, it returns the one issued. The booking's lines are read
// before the transaction that numbers and stores the document.
// Errors: ErrNotFound (no such payment, or it took no money),
// ErrNoReceiptFacts.
func (s *Service) IssueReceipt(ctx context.Context, paymentID int64) (Receipt, error) {
	if done, err := s.q.ReceiptForPayment(ctx, s.pool, paymentID); err == nil {
		return receiptFromRow(done)
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return Receipt{}, fmt.Errorf("receipt of payment %d: %w", paymentID, err)
	}
	if s.opts.Receipts.Facts == nil {
		return Receipt{}, ErrNoReceiptFacts
	}
	row, err := s.q.PaymentGet(ctx, s.pool, paymentID)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !State(row.State).Paid()) {
		return Receipt{}, fmt.Errorf("receipt of payment %d: %w", paymentID, ErrNotFound)
	}
	if err != nil {
		return Receipt{}, fmt.Errorf("payment %d: %w", paymentID, err)
	}
	sale, err := s.saleOf(ctx, row.BookingID)
	if err != nil {
		return Receipt{}, fmt.Errorf("sale of booking %d: %w", row.BookingID, err)
	}
	seller, err := s.sellerFor(ctx, sale.ChainID)
	if err != nil {
		return Receipt{}, err
	}
	lines := receiptLines(sale.Lines)
	if _, _, gross := totals(lines); gross != row.AmountMinor {
		// The payment is what the buyer paid: a booking whose figures
		// moved since (food added later has its own payment) is printed
		// in proportion to what was taken.
		lines = scaleLines(lines, row.AmountMinor)
	}
	r := Receipt{ChainID: sale.ChainID, TheaterID: sale.TheaterID, Kind: KindReceipt, PaymentID: paymentID,
		BookingID: row.BookingID, BookingCode: sale.Code, Currency: row.Currency, Lines: lines,
		SellerName: seller.LegalName, SellerAddress: seller.Address, SellerTaxID: seller.TaxID, TaxScheme: seller.TaxScheme,
		BuyerEmail: sale.GuestEmail, IssuedAt: s.opts.Now().UTC(), lang: sale.GuestLang}
	if r.SellerName == "" {
		r.SellerName = sale.Theater
	}
	if seller.TaxScheme == SchemeGST {
		r.PlaceOfSupply = GSTStateOfCity(sale.CitySlug)
	}
	r.TaxLines = taxLines(seller.TaxScheme, seller.StateCode, r.PlaceOfSupply, lines)
	r.Net, r.Tax, r.Gross = totals(lines)
	if r.Tax != 0 && seller.TaxScheme != SchemeNone {
		r.Kind = KindTaxInvoice
	}
	if row.UserID != nil {
		r.userID = *row.UserID
		r.BuyerName, r.BuyerEmail = s.buyerOf(ctx, *row.UserID)
	}
	return s.issue(ctx, r, seller.SeriesPrefix, yearIn(r.IssuedAt, sale.TimeZone))
}

// IssueCreditNote issues the credit note of a refund that went through,
// once: its lines are the original document's, in proportion to the
// refund and negative. The original is issued first if it is missing.
// Errors: ErrNotFound (no such refund, or it has not succeeded),
// ErrNoReceiptFacts.
func (s *Service) IssueCreditNote(ctx context.Context, refundID int64) (Receipt, error) {
	if done, err := s.q.ReceiptForRefund(ctx, s.pool, &refundID); err == nil {
		return receiptFromRow(done)
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return Receipt{}, fmt.Errorf("credit note of refund %d: %w", refundID, err)
	}
	ref, err := s.q.RefundGet(ctx, s.pool, refundID)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && ref.State != "succeeded") {
		return Receipt{}, fmt.Errorf("credit note of refund %d: %w", refundID, ErrNotFound)
	}
	if err != nil {
		return Receipt{}, fmt.Errorf("refund %d: %w", refundID, err)
	}
	orig, err := s.IssueReceipt(ctx, ref.PaymentID)
	if err != nil {
		return Receipt{}, fmt.Errorf("original of refund %d: %w", refundID, err)
	}
	seller, err := s.sellerFor(ctx, orig.ChainID)
	if err != nil {
		return Receipt{}, err
	}
	var sale ReceiptSale
	if s.opts.Receipts.Facts != nil {
		if sale, err = s.saleOf(ctx, orig.BookingID); err != nil {
			return Receipt{}, fmt.Errorf("sale of booking %d: %w", orig.BookingID, err)
		}
	}
	cn := orig
	cn.lang = sale.GuestLang
	if pay, err := s.q.PaymentGet(ctx, s.pool, ref.PaymentID); err == nil && pay.UserID != nil {
		cn.userID = *pay.UserID
	}
	cn.ID, cn.Kind, cn.RefundID, cn.OriginalID, cn.IssuedAt = 0, KindCreditNote, refundID, orig.ID, s.opts.Now().UTC()
	cn.Lines = scaleLines(orig.Lines, -ref.AmountMinor)
	cn.TaxLines = taxLines(orig.TaxScheme, seller.StateCode, orig.PlaceOfSupply, cn.Lines)
	cn.Net, cn.Tax, cn.Gross = totals(cn.Lines)
	return s.issue(ctx, cn, seller.SeriesPrefix, yearIn(cn.IssuedAt, sale.TimeZone))
}

// issue numbers r and stores it in one transaction, and tells the buyer
// in it: the counter's row stays locked until commit, so documents of a
// series are numbered in commit order without gaps. A document already
// issued for the payment or refund (a retried job) is returned instead.
func (s *Service) issue(ctx context.Context, r Receipt, prefix string, year int) (Receipt, error) {
	series := "R"
	if r.Kind == KindCreditNote {
		series = "CN"
	}
	lines, err := json.Marshal(r.Lines)
	if err != nil {
		return Receipt{}, fmt.Errorf("lines of payment %d: %w", r.PaymentID, err)
	}
	taxes, err := json.Marshal(r.TaxLines)
	if err != nil {
		return Receipt{}, fmt.Errorf("tax lines of payment %d: %w", r.PaymentID, err)
	}
	y := int32(year) // #nosec G115 -- a calendar year, four digits
	var out Receipt
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		n, err := s.q.ReceiptCounterTake(ctx, tx, paymentsdb.ReceiptCounterTakeParams{ChainID: r.ChainID, Year: y,
			Series: series})
		if err != nil {
			return fmt.Errorf("number a document of chain %d: %w", r.ChainID, err)
		}
		p := paymentsdb.ReceiptInsertParams{ChainID: r.ChainID, TheaterID: r.TheaterID, Year: y, Series: series,
			Number: n, DisplayNumber: fmt.Sprintf("%s-%d-%s-%06d", prefix, year, series, n), Kind: r.Kind,
			PaymentID: r.PaymentID, BookingID: r.BookingID, BookingCode: r.BookingCode, Currency: r.Currency,
			Lines: lines, NetMinor: r.Net, TaxMinor: r.Tax, GrossMinor: r.Gross, TaxLines: taxes, SellerName: r.SellerName,
			SellerAddress: r.SellerAddress, SellerTaxID: r.SellerTaxID, TaxScheme: r.TaxScheme, BuyerName: r.BuyerName,
			BuyerEmail: r.BuyerEmail, PlaceOfSupply: r.PlaceOfSupply, IssuedAt: r.IssuedAt}
		if r.RefundID != 0 {
			p.RefundID, p.OriginalID = &r.RefundID, &r.OriginalID
		}
		row, err := s.q.ReceiptInsert(ctx, tx, p)
		if errors.Is(err, pgx.ErrNoRows) {
			return errIssuedMeanwhile // roll back: the number goes back
		}
		if err != nil {
			return fmt.Errorf("store document %s: %w", p.DisplayNumber, err)
		}
		if out, err = receiptFromRow(row); err != nil {
			return err
		}
		if s.opts.Receipts.Issued == nil {
			return nil
		}
		return s.opts.Receipts.Issued(ctx, tx, ReceiptMail{ReceiptID: out.ID, PaymentID: out.PaymentID, BookingID: out.BookingID, UserID: r.userID,
			Email: out.BuyerEmail, Lang: r.lang, Kind: out.Kind, Number: out.Number, Path: out.Path()})
	})
	if errors.Is(err, errIssuedMeanwhile) {
		return s.issuedFor(ctx, r)
	}
	return out, err
}

// errIssuedMeanwhile: another run issued the document first.
var errIssuedMeanwhile = errors.New("issued meanwhile")

// issuedFor reads the document issued for r's payment or refund.
func (s *Service) issuedFor(ctx context.Context, r Receipt) (Receipt, error) {
	var (
		row paymentsdb.PaymentsReceipt
		err error
	)
	if r.RefundID != 0 {
		row, err = s.q.ReceiptForRefund(ctx, s.pool, &r.RefundID)
	} else {
		row, err = s.q.ReceiptForPayment(ctx, s.pool, r.PaymentID)
	}
	if err != nil {
		return Receipt{}, fmt.Errorf("document of payment %d: %w", r.PaymentID, err)
	}
	return receiptFromRow(row)
}

// buyerOf names an account's holder for a document ("" when unknown).
func (s *Service) buyerOf(ctx context.Context, userID int64) (name, email string) {
	if s.opts.Receipts.Buyer == nil || userID == 0 {
		return "", ""
	}
	name, email, err := s.opts.Receipts.Buyer(ctx, userID)
	if err != nil {
		s.opts.Log.Warn("receipt buyer", "user", userID, "err", err)
		return "", ""
	}
	return name, email
}

// yearIn is t's calendar year in time zone tz (UTC when unknown).
func yearIn(t time.Time, tz string) int {
	if loc, err := time.LoadLocation(tz); err == nil && tz != "" {
		return t.In(loc).Year()
	}
	return t.UTC().Year()
}

// receiptFromRow reads a stored document.
func receiptFromRow(r paymentsdb.PaymentsReceipt) (Receipt, error) {
	out := Receipt{ID: r.ID, ChainID: r.ChainID, TheaterID: r.TheaterID, Number: r.DisplayNumber, Kind: r.Kind,
		PaymentID: r.PaymentID, BookingID: r.BookingID, BookingCode: r.BookingCode, Currency: r.Currency, Net: r.NetMinor,
		Tax: r.TaxMinor, Gross: r.GrossMinor, SellerName: r.SellerName, SellerAddress: r.SellerAddress,
		SellerTaxID: r.SellerTaxID, TaxScheme: r.TaxScheme, BuyerName: r.BuyerName, BuyerEmail: r.BuyerEmail,
		PlaceOfSupply: r.PlaceOfSupply, IssuedAt: r.IssuedAt}
	if r.RefundID != nil {
		out.RefundID = *r.RefundID
	}
	if r.OriginalID != nil {
		out.OriginalID = *r.OriginalID
	}
	if err := json.Unmarshal(r.Lines, &out.Lines); err != nil {
		return Receipt{}, fmt.Errorf("lines of document %d: %w", r.ID, err)
	}
	if err := json.Unmarshal(r.TaxLines, &out.TaxLines); err != nil {
		return Receipt{}, fmt.Errorf("tax lines of document %d: %w", r.ID, err)
	}
	return out, nil
}
