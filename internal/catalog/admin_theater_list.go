package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminTheaterList is GET /admin/theaters: every theater, or those of the
// city chosen in the filter, of those the staff member manages.
func (h *Handler) adminTheaterList(c echo.Context) error {
	ctx := c.Request().Context()
	cities, err := h.svc.Cities(ctx)
	if err != nil {
		return err
	}
	city := c.QueryParam("city")
	names := map[string]string{}
	p := views.TheaterListProps{CanAdd: web.Scope(c).CanAnywhere(authz.RunChain), Cities: []views.CatalogChoice{{Value: "", Label: i18n.T(ctx, "All cities")}}}
	for _, ct := range cities {
		names[ct.Slug] = ct.Name
		p.Cities = append(p.Cities, views.CatalogChoice{Value: ct.Slug, Label: ct.Name})
	}
	if _, ok := names[city]; ok {
		p.City = city
	}
	theaters, err := h.svc.Theaters(ctx, p.City)
	if err != nil {
		return err
	}
	for _, t := range theatersInScope(theaters, managed(c)) {
		p.Theaters = append(p.Theaters, views.TheaterListItem{
			ID: t.ID, Name: t.Name, CityName: names[t.CitySlug], Address: t.Address, TimeZone: t.TimeZone,
		})
	}
	return web.Render(c, http.StatusOK, views.TheaterList(p))
}
