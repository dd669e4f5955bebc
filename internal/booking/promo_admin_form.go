package booking

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// promoCurrencies are the currencies a fixed-amount code may be in.
func promoCurrencies() []string { return []string{"GBP", "USD", "EUR", "INR", "AUD", "JPY"} }

// promoNew is GET /admin/promos/new: the form for a new promo code.
func (h *Handler) promoNew(c echo.Context) error {
	return h.promoFormPage(c, http.StatusOK, views.PromoFormValues{Kind: string(PercentOff), Currency: "GBP"}, nil)
}

// promoCreate is POST /admin/promos: creates the code and returns to the
// list, or shows the form again with a message per field (422).
func (h *Handler) promoCreate(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "That form could not be read.")
	}
	v := promoFormValues(form)
	in, errs := promoParse(v)
	for field, msg := range in.Validate() {
		errs.Add(field, msg)
	}
	if len(errs) == 0 {
		_, err = h.svc.CreatePromo(c.Request().Context(), in)
		fields, ok := validate.Fields(err)
		if !ok && err != nil {
			return err
		}
		errs = fields
		// The input was valid, so a code error can only say it is taken.
		if _, taken := errs["code"]; taken {
			errs["code"] = i18n.T(c.Request().Context(), "There is already a promo code {{.Code}}.", "Code", NormalizePromoCode(in.Code))
		}
	}
	if len(errs) > 0 {
		return h.promoFormPage(c, http.StatusUnprocessableEntity, v, errs)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Promo code {{.Code}} created.", "Code", NormalizePromoCode(in.Code)))
	return web.Redirect(c, "/admin/promos")
}

func (h *Handler) promoFormPage(c echo.Context, status int, v views.PromoFormValues, errs validate.Errors) error {
	ch, err := h.promoChoices(c.Request().Context())
	if err != nil {
		return err
	}
	p := views.PromoFormProps{Values: v, Errors: errs, Currencies: promoCurrencies()}
	for _, m := range ch.Movies {
		p.Movies = append(p.Movies, views.PromoChoice{Value: strconv.FormatInt(m.ID, 10), Label: m.Title})
	}
	for _, t := range ch.Theaters {
		i := len(p.Theaters) - 1
		if i < 0 || p.Theaters[i].Label != t.CityName {
			p.Theaters = append(p.Theaters, views.PromoChoiceGroup{Label: t.CityName})
			i++
		}
		p.Theaters[i].Choices = append(p.Theaters[i].Choices, views.PromoChoice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
	}
	return web.Render(c, status, views.PromoForm(p))
}

func promoFormValues(f url.Values) views.PromoFormValues {
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	return views.PromoFormValues{Code: get("code"), Description: get("description"), Kind: get("kind"),
		PercentOff: get("percent_off"), AmountOff: get("amount_off"), Currency: get("currency"),
		MovieIDs: f["movie_ids"], TheaterIDs: f["theater_ids"], ValidFrom: get("valid_from"),
		ValidUntil: get("valid_until"), MinTickets: get("min_tickets"), MaxUses: get("max_uses"),
		MaxUsesPerUser: get("max_uses_per_user")}
}

// promoParse turns the form into a PromoInput, with a message for each
// field that is not a number, amount or date (in English, translated where
// the form shows them). Only the fields the chosen kind of discount uses
// are read.
func promoParse(v views.PromoFormValues) (PromoInput, validate.Errors) {
	var e validate.Errors
	in := PromoInput{Code: v.Code, Description: v.Description, Kind: PromoKind(v.Kind)}
	whole := func(field, s, msg string) int64 {
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil || n < 0 {
			e.Add(field, msg)
		}
		return n
	}
	date := func(field, s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			e.Add(field, i18n.Msg("Enter a date like 2031-03-14."))
		}
		return t
	}
	switch in.Kind {
	case PercentOff:
		in.PercentOff = whole("percent_off", v.PercentOff, i18n.Msg("Enter a percentage from 1 to 100."))
	case AmountOff:
		amount, err := promoParseAmount(v.AmountOff)
		if err != nil {
			e.Add("amount_off", i18n.Msg("Enter an amount like 2.50."))
		}
		in.AmountOff, in.Currency = amount, v.Currency
	}
	in.MinTickets = int(whole("min_tickets", v.MinTickets, i18n.Msg("Enter a number of tickets from 1 to 50.")))
	in.MaxUses = int(whole("max_uses", v.MaxUses, i18n.Msg("Enter a whole number, or leave it empty for unlimited.")))
	in.MaxUsesPerUser = int(whole("max_uses_per_user", v.MaxUsesPerUser, i18n.Msg("Enter a whole number, or leave it empty for unlimited.")))
	in.ValidFrom, in.ValidUntil = date("valid_from", v.ValidFrom), date("valid_until", v.ValidUntil)
	for _, s := range v.MovieIDs {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			e.Add("movie_ids", i18n.Msg("Choose movies from the list."))
		}
		in.MovieIDs = append(in.MovieIDs, id)
	}
	for _, s := range v.TheaterIDs {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			e.Add("theater_ids", i18n.Msg("Choose theaters from the list."))
		}
		in.TheaterIDs = append(in.TheaterIDs, id)
	}
	return in, e
}

// promoParseAmount reads an amount typed as a decimal ("2", "2.5",
// "1,250.00") into minor units.
func promoParseAmount(s string) (int64, error) {
	whole, frac, dotted := strings.Cut(strings.ReplaceAll(s, ",", ""), ".")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 || (dotted && frac == "") || strings.ContainsAny(whole+frac, "+-") {
		return 0, fmt.Errorf("amount %q: not like 2.50", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 100_000 {
		return 0, fmt.Errorf("amount %q: not like 2.50", s)
	}
	f := int64(0)
	if frac != "" {
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, fmt.Errorf("amount %q: not like 2.50", s)
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return w*100 + f, nil
}
