package catalog

import (
	"context"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminTheaterShow is GET /admin/theaters/:id: the theater with its screens
// and its price rules. Errors: ErrNotFound.
func (h *Handler) adminTheaterShow(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	p, err := h.theaterShowProps(c.Request().Context(), id, views.PriceFormValues{DayKind: AnyDay, Daypart: AnyTime}, nil)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.TheaterShow(p))
}

// theaterShowProps assembles the theater page in four queries, whatever
// the number of screens and rules. price and priceErrs fill the price form
// (a rejected price comes back as typed). Errors: ErrNotFound.
func (h *Handler) theaterShowProps(ctx context.Context, id int64, price views.PriceFormValues, priceErrs validate.Errors) (views.TheaterShowProps, error) {
	t, err := h.svc.Theater(ctx, id)
	if err != nil {
		return views.TheaterShowProps{}, err
	}
	city, err := h.svc.City(ctx, t.CitySlug)
	if err != nil {
		return views.TheaterShowProps{}, fmt.Errorf("city of theater %d: %w", id, err)
	}
	screens, err := h.svc.Screens(ctx, id)
	if err != nil {
		return views.TheaterShowProps{}, err
	}
	rules, err := h.svc.PriceRules(ctx, id)
	if err != nil {
		return views.TheaterShowProps{}, err
	}
	p := views.TheaterShowProps{
		ID: t.ID, Name: t.Name, CityName: city.Name, Address: t.Address, TimeZone: t.TimeZone,
		Trailer: t.TrailerMinutes, Cleaning: t.CleaningMinutes,
	}
	if t.Latitude != nil && t.Longitude != nil {
		p.Coordinates = fmt.Sprintf("%.4f, %.4f", *t.Latitude, *t.Longitude)
	}
	for _, a := range t.Amenities {
		if label, ok := Amenities()[a]; ok {
			p.Amenities = append(p.Amenities, i18n.T(ctx, label))
		}
	}
	var used []Category
	for _, s := range screens {
		p.Screens = append(p.Screens, views.TheaterScreenItem{
			ID: s.ID, Name: s.Name, Formats: s.Formats, Seats: s.SeatCount,
			Size: i18n.T(ctx, "{{.Rows}} rows × {{.Columns}} columns", "Rows", len(s.Layout.Rows), "Columns", s.Layout.Width()),
		})
		used = append(used, s.Layout.CategoriesUsed()...)
	}
	p.Prices = priceRulesProps(ctx, id, city.Currency, rules, used, price, priceErrs)
	return p, nil
}
