// Package money formats and parses amounts kept in a currency's minor unit
// (cents, paise, pence).
package money

import (
	"regexp"
	"strconv"
	"strings"
)

// Format renders amount (minor units) in currency, e.g. Format(125050, "INR")
// is "₹1,250.50". Unknown currencies are shown with their ISO code.
func Format(amount int64, currency string) string {
	sign := ""
	if amount < 0 {
		sign, amount = "-", -amount
	}
	whole, frac := amount/100, amount%100
	s := group(strconv.FormatInt(whole, 10))
	if frac != 0 {
		s += "." + strconv.FormatInt(frac+100, 10)[1:]
	}
	return sign + symbol(currency) + s
}

func symbol(currency string) string {
	switch currency {
	case "INR":
		return "₹"
	case "GBP":
		return "£"
	case "USD":
		return "$"
	case "EUR":
		return "€"
	case "AUD":
		return "A$"
	case "JPY":
		return "¥"
	}
	return currency + " "
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// amountPattern is an amount as people type it: whole units with up to two
// decimals, thousands optionally grouped with commas (1,250.50).
var amountPattern = regexp.MustCompile(`^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$`)

// Parse converts a typed amount ("12.50") to minor units (1250); ok is false
// for anything else.
func Parse(s string) (minor int64, ok bool) {
	s = strings.TrimSpace(s)
	if !amountPattern.MatchString(s) {
		return 0, false
	}
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ",", ""), ".")
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	return n, err == nil
}
