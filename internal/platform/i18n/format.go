package i18n

import (
	"context"
	"strconv"
	"sync"

	"github.com/bojanz/currency"
)

// moneyLocale is the CLDR locale money is written in: English follows the
// currency's own country (₹1,20,000.00 in India, A$ beside $), Hindi and
// Spanish their language's rules.
func moneyLocale(lang, code string) string {
	if lang != "en" {
		return lang
	}
	switch code {
	case "INR":
		return "en-IN"
	case "GBP":
		return "en-GB"
	case "AUD":
		return "en-AU"
	case "EUR":
		return "en-IE"
	}
	return "en"
}

// formatters caches one currency formatter per CLDR locale; they are safe
// for concurrent use once built.
var formatters sync.Map

func formatter(locale string) *currency.Formatter {
	if f, ok := formatters.Load(locale); ok {
		return f.(*currency.Formatter)
	}
	f := currency.NewFormatter(currency.NewLocale(locale))
	f.SymbolMap = map[string]string{}
	actual, _ := formatters.LoadOrStore(locale, f)
	return actual.(*currency.Formatter)
}

// Money writes minor units (pence, paise, cents) of currency code the way
// ctx's language does: "£26.50", "₹1,20,000.00", "26,50 £".
func Money(ctx context.Context, minor int64, code string) string {
	a, err := currency.NewAmountFromInt64(minor, code)
	if err != nil {
		// An unknown code: still show the number, never a blank.
		return Number(ctx, minor) + " " + code
	}
	return formatter(moneyLocale(Lang(ctx), code)).Format(a)
}

// Number writes a whole number with the language's digit grouping.
func Number(ctx context.Context, n int64) string {
	a, err := currency.NewAmount(strconv.FormatInt(n, 10), "USD")
	if err != nil {
		return strconv.FormatInt(n, 10)
	}
	f := numberFormatter(Lang(ctx))
	return f.Format(a)
}

// numberFormatters are currency formatters told to print no currency and
// no decimals, which is CLDR's number pattern for the locale.
var numberFormatters sync.Map

func numberFormatter(lang string) *currency.Formatter {
	if f, ok := numberFormatters.Load(lang); ok {
		return f.(*currency.Formatter)
	}
	locale := lang
	if lang == "hi" {
		locale = "hi-IN"
	}
	f := currency.NewFormatter(currency.NewLocale(locale))
	f.CurrencyDisplay = currency.DisplayNone
	f.MaxDigits = 0
	f.MinDigits = 0
	actual, _ := numberFormatters.LoadOrStore(lang, f)
	return actual.(*currency.Formatter)
}
