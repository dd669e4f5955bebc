package catalog

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// ticketTypeForm is a submitted ticket type form: the type, the values as
// typed and the problems found reading them.
type ticketTypeForm struct {
	in     TicketType
	values views.TicketTypeValues
	errs   validate.Errors
}

// parseTicketTypeForm reads the form; fixed prices are decimal amounts
// stored in minor units. The service checks the rest, so every problem
// shows at once.
func parseTicketTypeForm(c echo.Context) ticketTypeForm {
	v := views.TicketTypeValues{Name: c.FormValue("name"), Code: strings.TrimSpace(c.FormValue("code")),
		SortOrder: strings.TrimSpace(c.FormValue("sort_order")), Percent: strings.TrimSpace(c.FormValue("percent")),
		Fixed: map[string]string{}, Days: map[string]bool{}, Daypart: c.FormValue("daypart"),
		MaxCertification: c.FormValue("max_certification"), AgeNote: strings.TrimSpace(c.FormValue("age_note")),
		ProofRequired: c.FormValue("proof_required") != "", ProofNote: strings.TrimSpace(c.FormValue("proof_note")),
		Active: c.FormValue("active") != ""}
	f := ticketTypeForm{values: v, in: TicketType{Name: v.Name, Code: strings.ToUpper(v.Code), Daypart: v.Daypart,
		MaxCertification: v.MaxCertification, AgeNote: v.AgeNote, ProofRequired: v.ProofRequired, ProofNote: v.ProofNote,
		Active: v.Active}}
	if v.SortOrder == "" {
		v.SortOrder = "0"
	}
	n, err := strconv.Atoi(v.SortOrder)
	if err != nil {
		f.errs.Add("sort_order", i18n.Msg("Enter a sort order from 0 to 999."))
	}
	f.in.SortOrder = n
	if f.in.Percent, err = strconv.Atoi(v.Percent); err != nil {
		f.errs.Add("percent", i18n.Msg("Enter a percentage of the seat price from 0 to 200."))
	}
	for _, cat := range Categories() {
		s := strings.TrimSpace(c.FormValue("fixed_" + string(cat)))
		if s == "" {
			continue
		}
		v.Fixed[string(cat)] = s
		if p := parseAmount(s, "fixed_prices", &f.errs); p != nil {
			if f.in.FixedPrices == nil {
				f.in.FixedPrices = map[Category]int64{}
			}
			f.in.FixedPrices[cat] = *p
		}
	}
	for _, d := range c.Request().Form["days"] {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 || n > 6 {
			f.errs.Add("days", i18n.Msg("Choose days from the list."))
			continue
		}
		v.Days[d] = true
		f.in.Days = append(f.in.Days, time.Weekday(n))
	}
	slices.Sort(f.in.Days)
	f.values = v
	return f
}

// ticketTypeValues is a stored type as the form shows it.
func ticketTypeValues(t TicketType) views.TicketTypeValues {
	v := views.TicketTypeValues{Name: t.Name, Code: t.Code, SortOrder: strconv.Itoa(t.SortOrder), Percent: strconv.Itoa(t.Percent),
		Fixed: map[string]string{}, Days: map[string]bool{}, Daypart: t.Daypart, MaxCertification: t.MaxCertification,
		AgeNote: t.AgeNote, ProofRequired: t.ProofRequired, ProofNote: t.ProofNote, Active: t.Active}
	for cat, p := range t.FixedPrices {
		v.Fixed[string(cat)] = formatAmount(&p)
	}
	for _, d := range t.Days {
		v.Days[strconv.Itoa(int(d))] = true
	}
	return v
}

// ticketTypeFormProps is the form with its choices in ctx's language.
func (h *Handler) ticketTypeFormProps(ctx context.Context, action string, editing bool, v views.TicketTypeValues,
	errs validate.Errors) views.TicketTypeFormProps {
	f := views.TicketTypeFormProps{Action: action, Editing: editing, Values: v, Errors: errs,
		Ratings: h.svc.Certifications().Ratings}
	for _, cat := range Categories() {
		f.Categories = append(f.Categories, views.Option{Value: string(cat), Label: cat.Label()})
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		f.Days = append(f.Days, views.Option{Value: strconv.Itoa(int(d)), Label: weekdayName(ctx, d)})
	}
	return f
}

// weekdayName is a short weekday in ctx's language.
func weekdayName(ctx context.Context, d time.Weekday) string {
	sunday := time.Date(2024, 1, 7, 12, 0, 0, 0, time.UTC)
	return i18n.Weekday(ctx, sunday.AddDate(0, 0, int(d)))
}

// ticketTypeWhen is "Matinee · Mon, Tue", "Any time".
func ticketTypeWhen(ctx context.Context, t TicketType) string {
	s := i18n.T(ctx, "Any time")
	switch t.Daypart {
	case Matinee:
		s = i18n.T(ctx, "Matinee")
	case Evening:
		s = i18n.T(ctx, "Evening")
	}
	if len(t.Days) > 0 {
		var days []string
		for _, d := range t.Days {
			days = append(days, weekdayName(ctx, d))
		}
		s += " · " + strings.Join(days, ", ")
	}
	return s
}

// ticketTypeRestrictions is "Up to PG · Under 15 · Proof: Photo ID".
func ticketTypeRestrictions(ctx context.Context, t TicketType) string {
	var parts []string
	if t.MaxCertification != "" {
		parts = append(parts, i18n.T(ctx, "Films up to {{.Rating}}", "Rating", t.MaxCertification))
	}
	if t.AgeNote != "" {
		parts = append(parts, t.AgeNote)
	}
	if t.ProofRequired {
		parts = append(parts, i18n.T(ctx, "Proof of age/ID required")+": "+t.ProofNote)
	}
	return strings.Join(parts, " · ")
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// check adds the service's own checks to the problems found parsing, so
// every problem shows at once.
func (f *ticketTypeForm) check(s *Service) {
	fields, ok := validate.Fields(s.validateTicketType(f.in))
	if !ok {
		return
	}
	for field, msg := range fields {
		if _, taken := f.errs[field]; !taken {
			f.errs.Add(field, msg)
		}
	}
}
