package catalog

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminScreenNew is GET /admin/theaters/:id/screens/new: the form for a new
// screen, named after the theater's next number, 2D, 10 rows of 16 seats.
// Errors: ErrNotFound.
func (h *Handler) adminScreenNew(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := h.svc.Theater(ctx, id)
	if err != nil {
		return err
	}
	screens, err := h.svc.Screens(ctx, id)
	if err != nil {
		return err
	}
	v := views.ScreenNewValues{Name: fmt.Sprintf("Screen %d", len(screens)+1), Formats: []string{"2D"}, Rows: "10", Cols: "16"}
	return web.Render(c, http.StatusOK, views.ScreenNew(screenNewProps(t, v, nil)))
}

// screenNewProps assembles the new-screen form.
func screenNewProps(t Theater, v views.ScreenNewValues, errs validate.Errors) views.ScreenNewProps {
	return views.ScreenNewProps{
		TheaterID: t.ID, TheaterName: t.Name, Values: v, Errors: errs, Formats: adminChoices(Formats()),
		MaxRows: strconv.Itoa(MaxRows), MaxCols: strconv.Itoa(MaxColumns),
	}
}
