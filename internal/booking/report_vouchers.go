package booking

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
)

// VoucherLine is one voucher reference's use at the counter on sales
// still confirmed, in one currency: how many sales, their discount and
// what the vouchers paid (the sales' totals).
type VoucherLine struct {
	Currency, Ref             string
	Bookings, Discount, Total int64
}

// Prefix is the issuer's part of the reference: its leading letters,
// upper-cased ("gift-0042" and "GIFT0043" are both GIFT); "" when it
// starts with anything else.
func (v VoucherLine) Prefix() string {
	end := strings.IndexFunc(v.Ref, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(v.Ref)
	}
	return strings.ToUpper(v.Ref[:end])
}

// reportVouchers sums voucher use by reference in one query.
func (s *Service) reportVouchers(ctx context.Context, w reportWindow) ([]VoucherLine, error) {
	rows, err := s.q.ReportVouchers(ctx, s.pool, bookingdb.ReportVouchersParams{Zones: w.zones, TheaterIds: w.ids,
		FromTime: w.from, UntilTime: w.until, FromDay: w.q.From, ToDay: w.q.To})
	if err != nil {
		return nil, fmt.Errorf("voucher use at theaters %v: %w", w.ids, err)
	}
	out := make([]VoucherLine, len(rows))
	for i, r := range rows {
		out[i] = VoucherLine{Currency: r.Currency, Ref: r.VoucherRef, Bookings: r.Bookings, Discount: r.DiscountMinor, Total: r.TotalMinor}
	}
	return out, nil
}

// vouchersByPrefix sums lines (of one currency) by their prefix, in the
// order prefixes first appear.
func vouchersByPrefix(lines []VoucherLine) []VoucherLine {
	var out []VoucherLine
	at := map[string]int{}
	for _, l := range lines {
		p := l.Prefix()
		i, ok := at[p]
		if !ok {
			i, at[p] = len(out), len(out)
			out = append(out, VoucherLine{Currency: l.Currency, Ref: p})
		}
		out[i].Bookings, out[i].Discount, out[i].Total = out[i].Bookings+l.Bookings, out[i].Discount+l.Discount, out[i].Total+l.Total
	}
	return out
}
