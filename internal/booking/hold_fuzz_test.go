package booking

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/marqueehq/marquee/internal/platform/validate"
)

// FuzzHoldRequest feeds POST /api/v1/shows/:id/holds bodies through the
// handler's decoding and the one seat check (checkSelection): a body either
// does not decode (400) or is refused with a field message (422), or gives
// at least one and at most MaxSeats distinct seat labels, sorted, that
// ParseSelection reads back unchanged.
func FuzzHoldRequest(f *testing.F) {
	for _, seed := range []string{`{"seats":["F7","F8"]}`, `{"seats":["f7, f8 f9"]}`, `{"seats":[]}`, `{"seats":null}`, `{}`,
		`{"seats":"F7"}`, `{"seats":["F7","F7"]}`, `{"seats":["A1","A2","A3","A4","A5","A6","A7","A8","A9","A10","A11"]}`,
		`{"seats":["A1'--"]}`, `{"seats":["\u0131\u0031"]}`, `{"seats":[1,2]}`, `[`, `{"seats":["AB123"]} trailing`,
		`{"seats":["` + strings.Repeat("B2,", 200) + `"]}`} {
		f.Add([]byte(seed))
	}
	s := &Service{opts: Options{MaxSeats: 10}}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in apiHoldRequest
		if err := json.NewDecoder(bytes.NewReader(body)).Decode(&in); err != nil {
			return // 400
		}
		seats, err := s.checkSelection(in.Seats)
		if err != nil {
			fields, ok := validate.Fields(err)
			if !ok || !errors.Is(err, ErrInvalid) {
				t.Fatalf("refused without a field message (not a 422): %v", err)
			}
			if msg := fields["seats"]; msg == "" || len(msg) > 120 {
				t.Fatalf("seats message %q: empty or longer than 120 bytes", msg)
			}
			return
		}
		if len(seats) == 0 || len(seats) > s.opts.MaxSeats {
			t.Fatalf("%d seats accepted, want 1-%d", len(seats), s.opts.MaxSeats)
		}
		if !slices.IsSorted(seats) {
			t.Fatalf("seats %v are not in lock order", seats)
		}
		for i, label := range seats {
			if !validSeatLabel(label) || (i > 0 && seats[i-1] == label) {
				t.Fatalf("seats %v: %q is not a seat label or is repeated", seats, label)
			}
		}
		sel, err := ParseSelection([]string{strings.Join(seats, " ")}, s.opts.MaxSeats)
		if err != nil || len(sel.Repeated) > 0 || !slices.Equal(slices.Sorted(slices.Values(sel.Seats)), seats) {
			t.Fatalf("%v does not read back: %v %v", seats, sel, err)
		}
	})
}

// FuzzPromoCode checks the code a buyer types at checkout: normalising is
// idempotent, and a code ApplyPromo would look up (it matches the stored
// format) is plain ASCII capitals, digits, dashes and underscores of 3-32
// bytes, the same code staff can create (PromoInput.Validate agrees).
func FuzzPromoCode(f *testing.F) {
	for _, seed := range []string{"SAVE10", " save10 ", "a", "AB", "-AB", "A_B-C", strings.Repeat("X", 32), strings.Repeat("X", 33),
		"SAVE 10", "ſave10", "\u0131nfo", "\xff\xfe", "SAVE10\n", "ＳＡＶＥ", "'; DROP TABLE--"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, code string) {
		norm := NormalizePromoCode(code)
		if again := NormalizePromoCode(norm); again != norm {
			t.Fatalf("normalising %q twice gives %q then %q", code, norm, again)
		}
		valid := promoCodeFormat.MatchString(norm)
		in := PromoInput{Code: code, Kind: PercentOff, PercentOff: 10}
		if created := in.Validate()["code"] == ""; created != valid {
			t.Fatalf("code %q: staff may create it %v, buyers may apply it %v", code, created, valid)
		}
		if !valid {
			return
		}
		if len(norm) < 3 || len(norm) > 32 {
			t.Fatalf("code %q normalises to %q, %d bytes", code, norm, len(norm))
		}
		for _, c := range []byte(norm) {
			if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				t.Fatalf("code %q normalises to %q with byte %q", code, norm, c)
			}
		}
	})
}

// FuzzPromoForm feeds the staff form's values through promoParse and
// Validate: a form either gets a message on some field or gives an input
// whose amounts, counts and dates are in range, and an amount typed as
// promoParseAmount prints it parses back to the same minor units.
func FuzzPromoForm(f *testing.F) {
	f.Add("SAVE10", "fixed", "2.50", "GBP", "2", "100", "1", "2031-03-14", "2031-03-15", "7")
	f.Add("SAVE10", "percent", "", "", "", "", "", "", "", "")
	f.Add("x", "fixed", "1,250.00", "gbp", "-1", "0", "5", "2031-02-30", "2031-01-01", "0")
	f.Add("SAVE10", "fixed", "100000.99", "USD", "51", "2147483648", "3", "2031-03-15", "2031-03-14", "abc")
	f.Add("SAVE10", "fixed", ".5", "EUR", "1", "", "", "", "", "-3")
	f.Add("SAVE10", "fixed", "1.", "EUR", "1", "", "", "", "", "+3")
	f.Add("SAVE10", "fixed", "+1.-5", "EUR", "01", "1", "2", "", "", "9223372036854775808")
	f.Fuzz(func(t *testing.T, code, kind, amount, currency, minTickets, maxUses, perUser, from, until, movie string) {
		v := promoFormValues(map[string][]string{"code": {code}, "kind": {kind}, "percent_off": {amount}, "amount_off": {amount},
			"currency": {currency}, "min_tickets": {minTickets}, "max_uses": {maxUses}, "max_uses_per_user": {perUser},
			"valid_from": {from}, "valid_until": {until}, "movie_ids": {movie}})
		in, errs := promoParse(v)
		if len(errs) > 0 {
			return // the form comes back with these messages
		}
		if len(in.Validate()) > 0 {
			return
		}
		switch in.Kind {
		case PercentOff:
			if in.PercentOff < 1 || in.PercentOff > 100 || in.AmountOff != 0 {
				t.Fatalf("percent promo accepted with %d%% and amount %d", in.PercentOff, in.AmountOff)
			}
		case AmountOff:
			if in.AmountOff <= 0 || in.AmountOff > 10_000_000 || len(in.Currency) != 3 {
				t.Fatalf("amount promo accepted with %d %q", in.AmountOff, in.Currency)
			}
			printed := fmt.Sprintf("%d.%02d", in.AmountOff/100, in.AmountOff%100)
			if back, err := promoParseAmount(printed); err != nil || back != in.AmountOff {
				t.Fatalf("amount %q read as %d; printed %q reads back as %d (%v)", amount, in.AmountOff, printed, back, err)
			}
		default:
			t.Fatalf("kind %q accepted", in.Kind)
		}
		if in.MinTickets < 0 || in.MinTickets > 50 || in.MaxUses < 0 || in.MaxUsesPerUser < 0 ||
			(in.MaxUses > 0 && in.MaxUsesPerUser > in.MaxUses) {
			t.Fatalf("limits accepted: min %d, uses %d, per user %d", in.MinTickets, in.MaxUses, in.MaxUsesPerUser)
		}
		if !in.ValidFrom.IsZero() && !in.ValidUntil.IsZero() && in.ValidUntil.Before(in.ValidFrom) {
			t.Fatalf("dates accepted in the wrong order: %v, %v", in.ValidFrom, in.ValidUntil)
		}
		for _, id := range in.MovieIDs {
			if id <= 0 {
				t.Fatalf("movie id %d accepted", id)
			}
		}
	})
}
