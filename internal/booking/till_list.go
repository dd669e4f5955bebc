package booking

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// tillList is GET /admin/tills: the till sessions of the theaters the
// staff member manages, newest first, with each cash-up's variance.
func (h *Handler) tillList(c echo.Context) error {
	ctx := c.Request().Context()
	places, err := h.staffPlacesFor(c, authz.Manage)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(places.ids))
	for id := range places.ids {
		ids = append(ids, id)
	}
	tills, err := h.svc.Tills(ctx, places.all, ids)
	if err != nil {
		return err
	}
	names, err := h.theaterNames(ctx)
	if err != nil {
		return err
	}
	var rows []views.TillRow
	for _, t := range tills {
		m := func(v int64) string { return i18n.Money(ctx, v, t.Currency) }
		th := names[t.TheaterID]
		r := views.TillRow{Href: "/admin/till/" + strconv.FormatInt(t.ID, 10), ID: t.ID, Theater: th.Name,
			OpenedAt: tillTime(ctx, t.OpenedAt, th), Float: m(t.Float),
			Expected: m(t.Expected), Open: t.Open()}
		if t.Variance != nil {
			r.Counted, r.Variance, r.Short = m(*t.CountedCash), m(*t.Variance), *t.Variance < 0
		}
		rows = append(rows, r)
	}
	return web.Render(c, http.StatusOK, views.TillListPage(rows))
}
