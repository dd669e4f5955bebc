package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// amountPattern is a fee as staff type it: whole units with up to two
// decimals ("2", "1.5", "0.75").
var amountPattern = regexp.MustCompile(`^[0-9]{1,9}(\.[0-9]{1,2})?$`)

// chainForm is a submitted chain form: the service's input, the values as
// typed, and the problems found while parsing.
type chainForm struct {
	in     ChainInput
	values views.ChainFormValues
	errs   validate.Errors
}

// parseChainForm reads the chain form; fees are decimal amounts stored in
// minor units (hundredths), and a blank policy field means the site's
// default. The service's own checks run too, so every problem shows at
// once.
func parseChainForm(c echo.Context) (chainForm, error) {
	form, err := c.FormParams()
	if err != nil {
		return chainForm{}, echo.NewHTTPError(400, i18n.T(c.Request().Context(), "The form could not be read."))
	}
	v := views.ChainFormValues{
		Name: form.Get("name"), BrandColor: strings.TrimSpace(form.Get("brand_color")), TicketNote: form.Get("ticket_note"),
		CancelWindow: strings.TrimSpace(form.Get("cancel_window")),
		CancelFee:    strings.TrimSpace(form.Get("cancel_fee")), BookingFee: strings.TrimSpace(form.Get("booking_fee")),
		ExchangeAnyMovie: form.Get("exchange_any_movie") == "on", TransferLimit: strings.TrimSpace(form.Get("transfer_limit")),
	}
	var errs validate.Errors
	in := ChainInput{Name: v.Name, BrandColor: v.BrandColor, TicketNote: v.TicketNote, ExchangeAnyMovie: v.ExchangeAnyMovie}
	if v.CancelWindow != "" {
		n, err := strconv.Atoi(v.CancelWindow)
		if err != nil {
			errs.Add("cancel_window", i18n.Msg("Enter a whole number of minutes."))
		} else {
			in.CancelWindowMinutes = &n
		}
	}
	if v.TransferLimit != "" {
		n, err := strconv.Atoi(v.TransferLimit)
		if err != nil {
			errs.Add("transfer_limit", i18n.Msg("Enter a whole number of transfers."))
		} else {
			in.TransferLimit = &n
		}
	}
	in.CancelFee = parseAmount(v.CancelFee, "cancel_fee", &errs)
	in.BookingFee = parseAmount(v.BookingFee, "booking_fee", &errs)
	if fields, ok := validate.Fields(in.normalized().validate()); ok {
		for f, msg := range fields {
			if _, taken := errs[f]; !taken {
				errs.Add(f, msg)
			}
		}
	}
	return chainForm{in: in, values: v, errs: errs}, nil
}

// parseAmount reads a decimal amount into minor units; blank is nil.
func parseAmount(s, field string, errs *validate.Errors) *int64 {
	if s == "" {
		return nil
	}
	if !amountPattern.MatchString(s) {
		errs.Add(field, i18n.Msg("Enter an amount like 1.50, or leave it blank for the site's default."))
		return nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	n := w*100 + f
	return &n
}

// formatAmount shows minor units as the decimal amount the form takes.
func formatAmount(minor *int64) string {
	if minor == nil {
		return ""
	}
	return fmt.Sprintf("%d.%02d", *minor/100, *minor%100)
}

// chainFormValues is a stored chain as the form shows it.
func chainFormValues(ch Chain) views.ChainFormValues {
	v := views.ChainFormValues{Name: ch.Name, BrandColor: ch.BrandColor, TicketNote: ch.TicketNote,
		CancelFee: formatAmount(ch.Policy.CancelFee), BookingFee: formatAmount(ch.Policy.BookingFee),
		ExchangeAnyMovie: ch.Policy.ExchangeAnyMovie}
	if w := ch.Policy.CancelWindow; w != nil {
		v.CancelWindow = strconv.FormatInt(int64(w.Minutes()), 10)
	}
	if n := ch.Policy.TransferLimit; n != nil {
		v.TransferLimit = strconv.Itoa(*n)
	}
	return v
}
