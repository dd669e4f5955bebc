package payments

import (
	"regexp"
	"slices"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// GSTStateOfCity is the GST state code of a city by its slug ("mumbai":
// "27"), "" for a city outside the list. The catalogue records a
// theater's city, not its state, so the place of supply of a show is read
// from its city; a city not listed here has no GST state, and GST sales
// there are inter-state (IGST).
func GSTStateOfCity(slug string) string {
	switch strings.ToLower(slug) {
	case "mumbai", "pune", "thane", "navi-mumbai":
		return "27" // Maharashtra
	case "delhi", "new-delhi":
		return "07"
	case "bengaluru", "bangalore":
		return "29" // Karnataka
	case "chennai":
		return "33" // Tamil Nadu
	case "hyderabad":
		return "36" // Telangana
	case "kolkata":
		return "19" // West Bengal
	}
	return ""
}

var (
	gstinShape = regexp.MustCompile(`^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$`)
	vatShape   = regexp.MustCompile(`^[A-Z]{2}[0-9A-Z]{2,13}$`)
	stateShape = regexp.MustCompile(`^[0-9]{2}$`)
)

// gstinAlphabet is the base-36 alphabet of a GSTIN's check character.
const gstinAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// gstinCheck is the check character of a GSTIN's first 14 characters:
// each character's value, times 1 and 2 alternately, is folded to base 36
// (quotient plus remainder), and the check makes the sum a multiple of 36.
func gstinCheck(first14 string) byte {
	sum := 0
	for i := range 14 {
		v := strings.IndexByte(gstinAlphabet, first14[i]) * (1 + i%2)
		sum += v/36 + v%36
	}
	return gstinAlphabet[(36-sum%36)%36]
}

// ValidGSTIN reports whether s is a well-formed GSTIN: 15 characters (the
// state code, a PAN, the entity number, Z) with a correct check character.
func ValidGSTIN(s string) bool {
	return gstinShape.MatchString(s) && s[:2] != "00" && gstinCheck(s[:14]) == s[14]
}

// ValidVATNumber reports whether s looks like a VAT number: a two-letter
// country prefix and 2 to 13 letters or digits (GB123456789).
func ValidVATNumber(s string) bool { return vatShape.MatchString(s) }

// receiptLines turns a sale's lines into a document's.
func receiptLines(sale []SaleLine) []ReceiptLine {
	out := make([]ReceiptLine, len(sale))
	for i, l := range sale {
		out[i] = ReceiptLine{Description: l.Description, Qty: l.Qty, Unit: l.Unit, Net: l.Net, RateBP: l.RateBP, Tax: l.Tax,
			Gross: l.Net + l.Tax}
	}
	return out
}

// totals adds up a document's lines.
func totals(lines []ReceiptLine) (net, tax, gross int64) {
	for _, l := range lines {
		net, tax, gross = net+l.Net, tax+l.Tax, gross+l.Gross
	}
	return net, tax, gross
}

// taxLines sums a document's tax by rate, under the seller's scheme: GST
// is split into CGST and SGST halves within the seller's state and is
// IGST across states; VAT (or an unregistered seller's tax) is one line
// per rate.
func taxLines(scheme, sellerState, placeOfSupply string, lines []ReceiptLine) []TaxLine {
	type sum struct{ taxable, tax int64 }
	byRate := map[int64]*sum{}
	var rates []int64
	for _, l := range lines {
		if l.RateBP == 0 && l.Tax == 0 {
			continue
		}
		s, ok := byRate[l.RateBP]
		if !ok {
			s = &sum{}
			byRate[l.RateBP] = s
			rates = append(rates, l.RateBP)
		}
		s.taxable += l.Net
		s.tax += l.Tax
	}
	slices.Sort(rates)
	var out []TaxLine
	for _, r := range rates {
		s := byRate[r]
		switch {
		case scheme == SchemeGST && sellerState != "" && sellerState == placeOfSupply:
			half := s.tax / 2
			out = append(out, TaxLine{Name: "CGST", RateBP: r / 2, Taxable: s.taxable, Tax: half},
				TaxLine{Name: "SGST", RateBP: r - r/2, Taxable: s.taxable, Tax: s.tax - half})
		case scheme == SchemeGST:
			out = append(out, TaxLine{Name: "IGST", RateBP: r, Taxable: s.taxable, Tax: s.tax})
		case scheme == SchemeVAT:
			out = append(out, TaxLine{Name: "VAT", RateBP: r, Taxable: s.taxable, Tax: s.tax})
		default:
			out = append(out, TaxLine{Name: i18n.Msg("Tax"), RateBP: r, Taxable: s.taxable, Tax: s.tax})
		}
	}
	return out
}

// scaleLines shares target (a gross amount, negative for a credit note)
// among lines in proportion to their gross, keeping each line's tax in
// the same proportion to it; the shares add up to target exactly (the
// rounding difference goes to the largest line).
func scaleLines(lines []ReceiptLine, target int64) []ReceiptLine {
	_, _, gross := totals(lines)
	out := make([]ReceiptLine, len(lines))
	if gross == 0 || len(lines) == 0 {
		return out
	}
	var sum int64
	largest := 0
	for i, l := range lines {
		g := roundDiv(l.Gross*target, gross)
		out[i] = ReceiptLine{Description: l.Description, Qty: l.Qty, RateBP: l.RateBP, Gross: g}
		sum += g
		if abs(l.Gross) > abs(lines[largest].Gross) {
			largest = i
		}
	}
	out[largest].Gross += target - sum
	for i, l := range lines {
		if l.Gross != 0 {
			out[i].Tax = roundDiv(l.Tax*out[i].Gross, l.Gross)
		}
		out[i].Net = out[i].Gross - out[i].Tax
		if l.Qty != 0 && out[i].Net%int64(l.Qty) == 0 {
			out[i].Unit = out[i].Net / int64(l.Qty)
		}
	}
	return out
}

// roundDiv divides n by d (d > 0 or d < 0), rounding half away from zero.
func roundDiv(n, d int64) int64 {
	if d < 0 {
		n, d = -n, -d
	}
	if n < 0 {
		return -((-n + d/2) / d)
	}
	return (n + d/2) / d
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
